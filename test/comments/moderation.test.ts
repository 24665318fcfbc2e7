import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defaultCommentsStrings, MemoryAdapter, type Viewer } from '../../src/index.js';
import { until } from '../helpers/wait.js';
import { action, article, comment, focused, failure, item, mount, part, parts, root, Spy, status, text } from './helpers.js';

const MODERATOR: Viewer = { id: 'amara', name: 'Dr. Amara Okafor', roles: ['moderator', 'author'] };

/** A thread as a moderator sees it: a comment held from a guest, a reported one, a reply. */
const thread = () => [
  comment('r1', { daysAgo: 3, body: 'A published root' }),
  comment('r2', { daysAgo: 2, body: 'Buy cheap pills here' }),
  comment('a1', { parentId: 'r1', daysAgo: 1, body: 'A reply' }),
  comment('h1', { daysAgo: 0.5, body: 'Held for review', status: 'pending', author: { id: 'guest', name: 'Guest' } }),
];

async function asModerator(options: ConstructorParameters<typeof MemoryAdapter>[0] = {}) {
  const adapter = new Spy({ comments: thread(), viewer: MODERATOR, ...options });
  adapter.engine.viewer = null;
  await adapter.report({ id: 'r2', reason: 'Spam' });
  adapter.engine.viewer = { id: 'someone', name: 'S', roles: [] };
  await adapter.report({ id: 'r2', reason: 'Ads' });
  adapter.engine.viewer = MODERATOR;
  const el = await mount(adapter);
  await until(() => item(el, 'h1'), 'the held comment is not shown to the moderator');
  return { adapter, el };
}

describe('<experience-comments> for a moderator', () => {
  it('shows held comments of others marked as such, with Approve and Reject, and the reports of each', async () => {
    const { el } = await asModerator();
    expect(text(article(el, 'h1')!.querySelector('[part~=pending]'))).to.equal('Awaiting moderation');
    expect(text(action(el, 'h1', 'approve-button'))).to.equal('Approve');
    expect(text(action(el, 'h1', 'reject-button'))).to.equal('Reject');
    expect(action(el, 'r1', 'approve-button')).to.equal(null);
    expect(text(article(el, 'r2')!.querySelector('[part~=reports]'))).to.equal('Reported 2 times: Spam; Ads');
    expect(article(el, 'r1')!.querySelector('[part~=reports]')).to.equal(null);
    // Delete on every comment, Pin on roots only.
    expect(text(action(el, 'r1', 'delete-button'))).to.equal('Delete');
    expect(text(action(el, 'r1', 'pin-button'))).to.equal('Pin');
    expect(action(el, 'a1', 'pin-button')).to.equal(null);
    expect(action(el, 'a1', 'delete-button')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('approves by keyboard: announced, counted, published, the focus kept on the comment', async () => {
    const { el } = await asModerator();
    const before = text(part(el, 'count'));
    action(el, 'h1', 'approve-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !action(el, 'h1', 'approve-button'), 'the comment was not approved');
    expect(article(el, 'h1')!.querySelector('[part~=pending]')).to.equal(null);
    expect(status(el)).to.equal('The comment was approved and is now shown to everyone.');
    expect(focused(el)).to.equal(article(el, 'h1'));
    expect([before, text(part(el, 'count'))]).to.deep.equal(['3 comments', '4 comments']);
  });

  it('rejects: the comment goes, the focus to the heading', async () => {
    const { el } = await asModerator();
    action(el, 'h1', 'reject-button')!.click();
    await until(() => !item(el, 'h1'), 'the rejected comment is still shown');
    expect(status(el)).to.equal('The comment was rejected.');
    expect(focused(el)).to.equal(part(el, 'count'));
  });

  it('pins a root to the top and marks it, and unpins it', async () => {
    const { el } = await asModerator();
    const roots = () => [...root(el).querySelectorAll<HTMLElement>('[part~=list] > li')].map((li) => li.dataset.id);
    expect(roots()[0]).to.equal('h1');
    action(el, 'r1', 'pin-button')!.click();
    await until(() => roots()[0] === 'r1', 'the pinned comment did not move to the top');
    expect(text(article(el, 'r1')!.querySelector('[part~=pinned]'))).to.equal('Pinned');
    expect(status(el)).to.equal('The comment was pinned to the top.');
    expect(text(action(el, 'r1', 'pin-button'))).to.equal('Unpin');
    action(el, 'r1', 'pin-button')!.click();
    await until(() => !article(el, 'r1')!.querySelector('[part~=pinned]'), 'the comment is still marked pinned');
    expect(text(action(el, 'r1', 'pin-button'))).to.equal('Pin');
  });

  it('deletes someone else\'s comment, and says so without calling it the moderator\'s own', async () => {
    const { el } = await asModerator();
    action(el, 'r2', 'delete-button')!.click();
    await until(() => root(el).querySelector('[data-act=confirm]'), 'no delete question');
    root(el).querySelector<HTMLButtonElement>('[data-act=confirm]')!.click();
    await until(() => !item(el, 'r2'), 'the comment was not deleted');
    expect(status(el)).to.equal('The comment was deleted.');
  });

  it('explains a refused decision', async () => {
    const { el, adapter } = await asModerator();
    adapter.moderate = async () => { throw failure('forbidden', 403, 'Only moderators can do that.'); };
    action(el, 'h1', 'approve-button')!.click();
    await until(() => status(el).startsWith('Not sent.'), 'no message');
    expect(status(el)).to.equal(`Not sent. ${defaultCommentsStrings.errorForbidden}`);
    expect(action(el, 'h1', 'approve-button')).to.exist;
  });

  it('shows none of it to a reader who is not a moderator, or with an adapter that cannot moderate', async () => {
    const reader = new Spy({ comments: thread(), viewer: { id: 'sam', name: 'Sam', roles: [] } });
    const el = await mount(reader);
    expect(item(el, 'h1')).to.equal(null);
    expect(parts(el, 'pin-button')).to.deep.equal([]);
    expect(action(el, 'r1', 'delete-button')).to.equal(null);
    const plain = new Spy({ comments: thread(), viewer: MODERATOR });
    (plain as { moderate?: unknown }).moderate = undefined;
    const other = await mount(plain);
    expect(parts(other, 'approve-button')).to.deep.equal([]);
    expect(parts(other, 'pin-button')).to.deep.equal([]);
  });
});

describe('<experience-comments> for the author of a held comment', () => {
  it('shows it published, and counted, once a moderator approves it elsewhere', async () => {
    const adapter = new Spy({ comments: thread().slice(0, 3), viewer: null, moderation: 'anonymous' });
    const held = await adapter.createComment({ threadId: 't1', parentId: null, body: 'Mine, held', author: { name: 'Guest' } });
    const again = await mount(adapter);
    await until(() => item(again, held.id), 'the author does not see their held comment');
    expect(text(article(again, held.id)!.querySelector('[part~=pending]'))).to.equal('Awaiting moderation');
    adapter.engine.viewer = MODERATOR;
    await adapter.moderate({ id: held.id, action: 'approve' });
    await until(() => !article(again, held.id)!.querySelector('[part~=pending]'), 'the approval did not reach the author');
    expect(text(part(again, 'count'))).to.equal('4 comments');
  });
});
