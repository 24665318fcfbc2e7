import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { http, HttpResponse } from 'msw';
import { defaultModerationStrings, MemoryAdapter, type ExperienceModeration, type Viewer } from '../../src/index.js';
import { comment } from '../helpers/fixtures.js';
import { button, focused, part, parts, shadowText, status, text } from '../helpers/dom.js';
import { mockBackend, newEndpoint } from '../helpers/msw.js';
import { until } from '../helpers/wait.js';

const MODERATOR: Viewer = { id: 'amara', name: 'Dr. Amara Okafor', roles: ['moderator'] };

/** A held comment on one thread, a reported one on another, and a plain one. */
async function backend(extra: Parameters<typeof comment>[] = []) {
  const adapter = new MemoryAdapter({
    viewer: null,
    comments: [
      comment('plain', { daysAgo: 3, body: 'Nothing wrong here' }),
      comment('spam', { daysAgo: 2, threadId: 'sleep-article', body: 'Buy pills' }),
      comment('held', { daysAgo: 1, status: 'pending', body: 'Held for review', author: { id: 'g', name: 'Guest' } }),
      ...extra.map((args) => comment(...args)),
    ],
  });
  await adapter.report({ id: 'spam', reason: 'Spam' });
  adapter.engine.viewer = MODERATOR;
  return adapter;
}

const queued = (el: Element) => parts(el, 'item').map((li) => li.dataset.id);
const mount = async (adapter: object) => {
  const el = await fixture<ExperienceModeration>(html`<experience-moderation .adapter=${adapter}></experience-moderation>`);
  await until(() => part(el, 'queue') || part(el, 'empty') || part(el, 'error'), 'the queue did not load');
  return el;
};

describe('<experience-moderation>', () => {
  it('lists held and reported comments across threads, newest first, with their thread and the reasons', async () => {
    const el = await mount(await backend());
    expect(queued(el)).to.deep.equal(['held', 'spam']);
    const [held, spam] = parts(el, 'item');
    expect(text(held!.querySelector('[part~=thread]'))).to.equal('In t1');
    expect(text(held!.querySelector('[part~=pending]'))).to.equal('Awaiting moderation');
    expect(text(spam!.querySelector('[part~=thread]'))).to.equal('In sleep-article');
    expect(text(spam!.querySelector('[part~=reports]'))).to.contain('Reported once').and.contain('Spam');
    expect(held!.querySelector('[part~=approve-button]')).to.exist;
    expect(spam!.querySelector('[part~=approve-button]')).to.equal(null);
    expect(spam!.querySelector('[part~=reject-button]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('approves by keyboard: the comment leaves the queue, it is announced, the focus goes to the next one', async () => {
    const adapter = await backend();
    const el = await mount(adapter);
    parts(el, 'approve-button')[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => queued(el).length === 1, 'the approved comment stayed in the queue');
    expect(status(el)).to.equal('The comment was approved and is now shown to everyone.');
    expect(focused(el)).to.equal(parts(el, 'item')[0]!.querySelector('[part~=comment]'));
    expect((await adapter.listComments({ threadId: 't1', sort: 'newest', limit: 10 })).comments.find((c) => c.id === 'held')?.status).to.equal('published');
  });

  it('rejects and deletes; the last decision sends the focus to the heading, and says the queue is empty', async () => {
    const el = await mount(await backend());
    parts(el, 'reject-button')[0]!.click();
    await until(() => queued(el).length === 1);
    expect(status(el)).to.equal('The comment was rejected.');
    parts(el, 'delete-button')[0]!.click();
    await until(() => queued(el).length === 0);
    expect(status(el)).to.equal('The comment was deleted.');
    expect(focused(el)).to.equal(part(el, 'count'));
    expect(shadowText(el)).to.contain('Nothing is waiting for a moderator.');
  });

  it('pages with Load more', async () => {
    const many = Array.from({ length: 25 }, (_, i): Parameters<typeof comment> => [`h${i}`, { daysAgo: 10 + i, status: 'pending' }]);
    const el = await mount(await backend(many));
    expect(queued(el)).to.have.length(20);
    part(el, 'load-more')!.click();
    await until(() => queued(el).length === 27, 'the next page did not come');
    expect(part(el, 'load-more')).to.equal(null);
  });

  it('tells anyone but a moderator to sign in as one, and asks for nothing', async () => {
    const { endpoint, requests } = await mockBackend({ viewer: { id: 'sam', name: 'Sam', roles: [] } });
    const el = await fixture<ExperienceModeration>(html`<experience-moderation endpoint=${endpoint}></experience-moderation>`);
    await until(() => part(el, 'empty'), 'no message');
    expect(text(part(el, 'empty'))).to.equal('Sign in as a moderator to see the moderation queue.');
    expect(requests.some((r) => r.url.includes('/moderation'))).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('says why the queue could not be loaded, and loads it on Try again', async () => {
    const endpoint = newEndpoint();
    let failing = true;
    await mockBackend({ endpoint, viewer: MODERATOR, comments: [comment('h', { status: 'pending' })] },
      http.get(`${endpoint}/moderation`, () => (failing ? HttpResponse.json({ error: { code: 'server_error', message: 'x' } }, { status: 503 }) : undefined)));
    const el = await fixture<ExperienceModeration>(html`<experience-moderation endpoint=${endpoint}></experience-moderation>`);
    await until(() => part(el, 'error'), 'no error shown', 10_000);
    expect(text(part(el, 'error')!.querySelector('p'))).to.equal(defaultModerationStrings.errorServer);
    failing = false;
    button(el, 'Try again')!.click();
    await until(() => queued(el).length === 1, 'the retry did not load the queue');
  });

  it('works over the REST contract, and says so when the backend has no queue', async () => {
    const { endpoint } = await mockBackend({ viewer: MODERATOR, comments: [comment('h', { status: 'pending' })] });
    const el = await fixture<ExperienceModeration>(html`<experience-moderation endpoint=${endpoint}></experience-moderation>`);
    await until(() => queued(el).length === 1, 'the queue did not load over REST');
    const bare = await fixture<ExperienceModeration>(html`<experience-moderation .adapter=${{
      getSession: async () => ({ viewer: MODERATOR, allowAnonymous: false, maxLength: 100 }),
      listComments: async () => ({ comments: [], nextCursor: null, total: 0 }),
      createComment: async () => { throw new Error('no'); },
    }}></experience-moderation>`);
    await until(() => part(bare, 'empty'));
    expect(text(part(bare, 'empty'))).to.equal('This backend has no moderation queue.');
  });
});
