import { expect, fixture, html } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { AdapterError, RestAdapter, type ExperienceComments } from '../../src/index.js';
import { fill as fillIn, plural } from '../../src/i18n/intl.js';
import { defaultCommentsStrings as s } from '../../src/comments/strings.js';
import { action, article, comment, focused, panel, part, parts, ready, root, status, text } from '../comments/helpers.js';
import { mockBackend } from '../helpers/msw.js';
import { quietFor, until } from '../helpers/wait.js';
import { withDeadline } from '../../src/util.js';
import { FLOOD } from '../../src/stores/thread.js';
import { REVEAL } from '../../src/stores/thread-state.js';
import { Controlled, mine, type Held } from './controlled.js';

/**
 * Hostile timing (#14): floods of live events, answers in any order, calls that never answer.
 * Every case asserts what a reader sees: the text in the shadow root, the focus, the live region,
 * the requests that went out. What the reader sees ends as the server's last word, no task of the
 * page grows long with a flood, and a wait has a bound where the widget owns one.
 *
 * Run against the code before this session's work (6aec094, in a worktree of it, this file and
 * controlled.ts copied in), 9 of these 33 cases failed: the floods of 1,000 replies, of 10,000 new
 * roots and of 1,000 deletions (long tasks of 513, 1,623 and 644 ms); the late edit of a deleted
 * comment (brought it back); 31 like clicks (31 requests, one per click); "load more" cut off by a
 * reload (stuck at "Loading more comments…"); a reply arriving live while "load more" loads (not
 * counted: "3 comments"); a like hanging on RestAdapter (5 requests); the reply deleted while it
 * was sending (the box went). The other 24 assert rules kept already there (the 10,000 edits and
 * the mixed flood, 2 and 3 like clicks, double submits, hung calls and RestAdapter's timeout...).
 * Two failed on main as this session began and were fixed in src/stores: the late edit and the
 * stuck "load more".
 */

/** A long-task observer: the longest task seen since it started. */
function longTasks(): () => number {
  let longest = 0;
  const o = new PerformanceObserver((list) => list.getEntries().forEach((e) => (longest = Math.max(longest, e.duration))));
  o.observe({ type: 'longtask' });
  return () => {
    o.takeRecords().forEach((e) => (longest = Math.max(longest, e.duration)));
    o.disconnect();
    return longest;
  };
}

/** The longest task allowed while a flood is applied: generous, so that a shared machine does not flake it. */
const LONG = 400;

const count = (n: number) => plural(s.count, n, 'en');
const bodyOf = (el: Element, id: string) => text(article(el, id)?.querySelector('[part~=body]'));
const rootIds = (el: Element) => [...root(el).querySelectorAll<HTMLElement>('[part~=list] > li')].map((li) => li.dataset.id);
const form = (el: Element) => root(el).querySelector<HTMLFormElement>('section > [part~=form]')!;
const field = (f: Element) => f.querySelector<HTMLTextAreaElement>('[part~=textarea]')!;
const submit = (f: Element) => f.querySelector<HTMLButtonElement>('[part~=submit]')!;
const likes = (el: Element, id: string) => action(el, id, 'like-button')!;

/** Sets a field's text at once, as an `input` event. */
function fill(f: HTMLElement, value: string) {
  (f as HTMLTextAreaElement).value = value;
  f.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** An element on `adapter`, not waiting for its first page. */
async function place(adapter: object, attrs: Record<string, string> = {}): Promise<ExperienceComments> {
  const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1"></experience-comments>`);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.adapter = adapter as ExperienceComments['adapter'];
  return el;
}

/** An element on `adapter` once its first page shows, and the session (its composer). */
async function shown(adapter: object, attrs: Record<string, string> = {}): Promise<ExperienceComments> {
  const el = await place(adapter, attrs);
  await ready(el);
  await until(() => part(el, 'textarea'), 'no composer');
  return el;
}

/** The `n`th held call of `method`, once it was made. */
async function heldCall(a: Controlled, method: keyof Controlled['held'], n = 1): Promise<Held<never>> {
  await until(() => a.held[method].length >= n, `no call of ${method}`);
  return a.held[method][n - 1]!;
}

/** Presses "Show new comments" until none wait, each time until what it showed is drawn. */
async function showAllNew(el: ExperienceComments) {
  while (part(el, 'new-comments')) {
    const before = parts(el, 'comment').length;
    part(el, 'new-comments')!.click();
    await until(() => parts(el, 'comment').length > before, 'a press showed nothing');
  }
}

const replies = (n: number, parentId: string, prefix = 'r') =>
  Array.from({ length: n }, (_, i) => comment(`${prefix}${i}`, { parentId, body: `Reply ${i}` }));

describe('hostile timing', function () {
  this.timeout(20_000);
  beforeEach(() => localStorage.clear());

  describe('floods of live events', () => {
    it('draws the first FLOOD of 1,000 live replies sent in a burst, counts them all, and shows the rest on request', async () => {
      const a = new Controlled([[comment('a'), comment('b')]]);
      const el = await shown(a);
      const longest = longTasks();
      replies(1000, 'a').forEach((c) => a.emit('comment-created', c));
      await until(() => text(part(el, 'count')) === count(1002), 'not every reply is counted', 10_000);
      expect(text(part(el, 'new-comments'))).to.equal(plural(s.newComments, REVEAL, 'en'));
      expect(parts(el, 'comment').length).to.equal(2 + FLOOD);
      expect(bodyOf(el, `r${FLOOD - 1}`)).to.equal(`Reply ${FLOOD - 1}`);
      expect(article(el, `r${FLOOD}`)).to.equal(null);
      expect(longest()).to.be.below(LONG);
      // Each press shows the next REVEAL, in the order they came, and moves the focus to the first.
      part(el, 'new-comments')!.click();
      await until(() => parts(el, 'comment').length === 2 + FLOOD + REVEAL, 'the press showed no replies');
      await until(() => focused(el) === article(el, `r${FLOOD}`), 'the focus is not on the first shown');
      await showAllNew(el);
      expect(parts(el, 'comment').length).to.equal(1002);
      expect(bodyOf(el, 'r999')).to.equal('Reply 999');
      expect([...article(el, 'a')!.closest('li')!.querySelectorAll<HTMLElement>('li')].map((li) => li.dataset.id).slice(-2)).to.deep.equal(['r998', 'r999']);
      expect(text(part(el, 'count'))).to.equal(count(1002));
    });

    it('gathers 10,000 live new comments behind one button, counted, with no long task', async () => {
      const a = new Controlled([[comment('a')]]);
      const el = await shown(a);
      const longest = longTasks();
      for (let i = 0; i < 10_000; i++) a.emit('comment-created', comment(`n${i}`, { createdAt: new Date().toISOString() }));
      await until(() => text(part(el, 'count')) === count(10_001), 'not every new comment is counted', 10_000);
      expect(text(part(el, 'new-comments'))).to.equal(plural(s.newComments, REVEAL, 'en'));
      expect(rootIds(el)).to.deep.equal(['a']);
      expect(longest()).to.be.below(LONG);
      // One press shows REVEAL of them, newest first above the others, and offers the next.
      part(el, 'new-comments')!.click();
      await until(() => rootIds(el).length === REVEAL + 1, 'the press showed no comments');
      expect(rootIds(el).slice(0, 2)).to.deep.equal([`n${REVEAL - 1}`, `n${REVEAL - 2}`]);
      expect(rootIds(el).at(-1)).to.equal('a');
      expect(text(part(el, 'new-comments'))).to.equal(plural(s.newComments, REVEAL, 'en'));
    });

    it('applies 10,000 live edits of 20 comments in a burst: each shows its last text, with no long task', async () => {
      const loaded = Array.from({ length: 20 }, (_, i) => comment(`c${i}`));
      const a = new Controlled([loaded]);
      const el = await shown(a, { 'page-size': '20' });
      const longest = longTasks();
      for (let i = 0; i < 10_000; i++) a.emit('comment-updated', { ...loaded[i % 20]!, body: `Edit ${i}` });
      await until(() => bodyOf(el, 'c19') === 'Edit 9999', 'the last edit does not show', 10_000);
      loaded.forEach((c, i) => expect(bodyOf(el, c.id)).to.equal(`Edit ${9980 + i}`));
      expect(text(part(el, 'count'))).to.equal(count(20));
      expect(longest()).to.be.below(LONG);
    });

    it('removes 1,000 comments deleted live in a burst, to the empty thread, with no long task', async () => {
      const thread = Array.from({ length: 100 }, (_, i) => [comment(`p${i}`), ...replies(9, `p${i}`, `p${i}-`)]).flat();
      const a = new Controlled([thread]);
      const el = await shown(a, { 'page-size': '100' });
      expect(text(part(el, 'count'))).to.equal(count(1000));
      const longest = longTasks();
      // Replies first, so that each root is gone, not a placeholder.
      [...thread].reverse().forEach((c) => a.emit('comment-deleted', c));
      await until(() => part(el, 'empty'), 'the thread is not empty', 10_000);
      expect(text(part(el, 'empty'))).to.equal(s.empty);
      expect(text(part(el, 'count'))).to.equal(count(0));
      expect(longest()).to.be.below(LONG);
    });

    it('ends a mixed flood of 3,000 created, edited and deleted replies as the events left them', async () => {
      const a = new Controlled([[comment('a')]]);
      const el = await shown(a);
      const longest = longTasks();
      const made = replies(1000, 'a');
      made.forEach((c) => a.emit('comment-created', c));
      made.forEach((c, i) => a.emit('comment-updated', { ...c, body: `Edited ${i}` }));
      made.filter((_, i) => i % 2).forEach((c) => a.emit('comment-deleted', c));
      // The first FLOOD drawn (half of them deleted since), the others waiting as the events left them.
      await until(() => parts(el, 'comment').length === 1 + FLOOD / 2 && text(part(el, 'count')) === count(501), 'the flood did not end', 10_000);
      expect(longest()).to.be.below(LONG);
      await showAllNew(el);
      expect(parts(el, 'comment').length).to.equal(501);
      expect(bodyOf(el, 'r998')).to.equal('Edited 998');
      expect(article(el, 'r999')).to.equal(null);
      expect(text(part(el, 'count'))).to.equal(count(501));
    });

    it('draws new comments as they come again once the flood is over, and keeps those that wait', async () => {
      const a = new Controlled([[comment('a')]]);
      const el = await shown(a);
      replies(FLOOD + 10, 'a').forEach((c) => a.emit('comment-created', c));
      await until(() => text(part(el, 'new-comments')) === plural(s.newComments, 10, 'en'), 'the last 10 do not wait');
      expect(parts(el, 'comment').length).to.equal(1 + FLOOD);
      await new Promise((r) => setTimeout(r, 1000));
      a.emit('comment-created', comment('late', { parentId: 'a', body: 'After the flood' }));
      await until(() => article(el, 'late'), 'a reply after the flood is not drawn');
      expect(text(part(el, 'new-comments'))).to.equal(plural(s.newComments, 10, 'en'));
      expect(text(part(el, 'count'))).to.equal(count(FLOOD + 12));
    });

    it('keeps a reply to a new comment that waits with it, and shows it under it', async () => {
      const a = new Controlled([[comment('a')]]);
      const el = await shown(a);
      a.emit('comment-created', comment('n', { createdAt: new Date().toISOString() }));
      a.emit('comment-created', comment('nr', { parentId: 'n', body: 'Reply to the new one' }));
      await until(() => text(part(el, 'new-comments')) === plural(s.newComments, 2, 'en'), 'the reply does not wait with its parent');
      expect(text(part(el, 'count'))).to.equal(count(3));
      part(el, 'new-comments')!.click();
      await until(() => article(el, 'nr'), 'the reply does not show');
      expect(article(el, 'nr')!.closest('li')!.parentElement!.closest('li')!.dataset.id).to.equal('n');
      expect(rootIds(el)).to.deep.equal(['n', 'a']);
    });

    it('keeps the focus and the text of a reply box while 1,000 replies arrive under its comment', async () => {
      const a = new Controlled([[comment('a')]]);
      const el = await shown(a);
      action(el, 'a', 'reply-button')!.click();
      await until(() => focused(el)?.matches('[part~=textarea]'), 'the reply box has no focus');
      const t = focused(el) as HTMLTextAreaElement;
      fill(t, 'Half written');
      t.setSelectionRange(4, 4);
      replies(1000, 'a').forEach((c) => a.emit('comment-created', c));
      await until(() => text(part(el, 'count')) === count(1001), 'not every reply is counted', 10_000);
      expect(parts(el, 'comment').length).to.equal(1 + FLOOD);
      expect(focused(el)).to.equal(t);
      expect(t.value).to.equal('Half written');
      expect(t.selectionStart).to.equal(4);
    });
  });

  describe('live events at odd times', () => {
    it('takes events sent during the first load: the page shows each comment once, and what arrived after it', async () => {
      const a = new Controlled([[comment('a'), comment('x', { createdAt: new Date().toISOString() })]]);
      a.holding.add('listComments');
      const el = await place(a);
      const first = await heldCall(a, 'listComments');
      // Before the page came: a root the page already holds, an edit of it and a reply to it.
      a.emit('comment-created', comment('x', { createdAt: new Date().toISOString() }));
      a.emit('comment-updated', comment('a', { body: 'Edited before the page' }));
      await quietFor(250);
      expect(part(el, 'list')).to.equal(null);
      first.answer(a.page(null) as never);
      await ready(el);
      a.emit('comment-created', comment('after', { parentId: 'a', body: 'After the page' }));
      await until(() => article(el, 'after'));
      expect(rootIds(el).filter((id) => id === 'x')).to.have.length(1);
      expect(part(el, 'new-comments')).to.equal(null);
      expect(text(part(el, 'count'))).to.equal(count(3));
    });

    it('ignores edits and deletions of comments not loaded, and counts a reply to one without showing it', async () => {
      const a = new Controlled([[comment('a')], [comment('later')]]);
      const el = await shown(a);
      a.emit('comment-updated', comment('later', { body: 'Not here' }));
      a.emit('comment-deleted', comment('elsewhere'));
      a.emit('comment-created', comment('r', { parentId: 'later' }));
      await until(() => text(part(el, 'count')) === count(3));
      expect(rootIds(el)).to.deep.equal(['a']);
      expect(root(el).textContent).not.to.contain('Not here');
      expect(part(el, 'error')).to.equal(null);
      expect(part(el, 'load-more')).not.to.equal(null);
    });

    it('shows a comment whose edit came before its creation as created, and the next edit', async () => {
      // There is no version to order them by: an edit of a comment not known is dropped, as above.
      const a = new Controlled([[comment('a')]]);
      const el = await shown(a);
      a.emit('comment-updated', comment('early', { parentId: 'a', body: 'Edited first' }));
      a.emit('comment-created', comment('early', { parentId: 'a', body: 'As created' }));
      await until(() => article(el, 'early'));
      expect(bodyOf(el, 'early')).to.equal('As created');
      a.emit('comment-updated', comment('early', { parentId: 'a', body: 'Edited after' }));
      await until(() => bodyOf(el, 'early') === 'Edited after');
      expect(text(part(el, 'count'))).to.equal(count(2));
    });

    it('keeps a deleted comment deleted when an edit of it arrives late', async () => {
      const a = new Controlled([[comment('a', { body: 'Soon gone' }), comment('b', { parentId: 'a' }), comment('c', { body: 'Also gone' })]]);
      const el = await shown(a);
      a.emit('comment-deleted', comment('a'));
      a.emit('comment-deleted', comment('c'));
      a.emit('comment-updated', comment('a', { body: 'A late edit' }));
      a.emit('comment-updated', comment('c', { body: 'Another late edit' }));
      await quietFor(300);
      expect(text(article(el, 'a'))).to.equal(s.deleted);
      expect(article(el, 'c')).to.equal(null);
      expect(root(el).textContent).not.to.contain('late edit');
      expect(text(part(el, 'count'))).to.equal(count(1));
    });

    it('shows a live event sent twice once', async () => {
      const a = new Controlled([[comment('a')]]);
      const el = await shown(a);
      const twice = comment('r', { parentId: 'a', body: 'Only once' });
      a.emit('comment-created', twice);
      a.emit('comment-created', twice);
      await until(() => article(el, 'r'));
      await quietFor(250);
      expect(parts(el, 'comment').filter((c) => text(c).includes('Only once'))).to.have.length(1);
      expect(text(part(el, 'count'))).to.equal(count(2));
    });

    it('shows the reader\'s post once when its live event arrives before the answer to the post', async () => {
      const a = new Controlled([[comment('a')]]);
      a.holding.add('createComment');
      const el = await shown(a);
      fill(field(form(el)), 'Mine, echoed');
      submit(form(el)).click();
      const post = await heldCall(a, 'createComment');
      const made = mine('m1', { body: 'Mine, echoed', parentId: null });
      a.emit('comment-created', { ...made, viewerCanEdit: false });
      await quietFor(250);
      post.answer(made as never);
      await until(() => status(el) === s.posted);
      await quietFor(250);
      expect(parts(el, 'comment').filter((c) => text(c).includes('Mine, echoed'))).to.have.length(1);
      expect(part(el, 'new-comments')).to.equal(null);
      expect(text(part(el, 'count'))).to.equal(count(2));
      expect(focused(el)).to.equal(article(el, 'm1'));
    });

    it('keeps the reader\'s text in an edit box when a live edit of that comment arrives', async () => {
      const a = new Controlled([[mine('a', { body: 'My first words', parentId: null })]]);
      const el = await shown(a);
      action(el, 'a', 'edit-button')!.click();
      await until(() => focused(el)?.matches('[part~=textarea]'));
      const t = focused(el) as HTMLTextAreaElement;
      fill(t, 'My better words');
      a.emit('comment-updated', mine('a', { body: 'Edited elsewhere', parentId: null }));
      await quietFor(250);
      expect(t.isConnected).to.equal(true);
      expect(t.value).to.equal('My better words');
      expect(focused(el)).to.equal(t);
    });

    it('removes the awaiting mark when a moderator approves the reader\'s held comment live, and counts it', async () => {
      const a = new Controlled([[comment('a')]]);
      a.holding.add('createComment');
      const el = await shown(a);
      fill(field(form(el)), 'Held for review');
      submit(form(el)).click();
      (await heldCall(a, 'createComment')).answer(mine('h', { body: 'Held for review', parentId: null }, { status: 'pending' }) as never);
      await until(() => status(el) === s.awaiting);
      expect(text(article(el, 'h'))).to.contain(s.pending);
      expect(text(part(el, 'count'))).to.equal(count(1));
      a.emit('comment-created', comment('h', { body: 'Held for review', status: 'published' }));
      await until(() => !text(article(el, 'h')).includes(s.pending));
      expect(text(part(el, 'count'))).to.equal(count(2));
      expect(action(el, 'h', 'edit-button')).not.to.equal(null);
    });

    it('removes the reader\'s held comment when a moderator rejects it live, and the count stays', async () => {
      const a = new Controlled([[comment('a')]]);
      a.holding.add('createComment');
      const el = await shown(a);
      fill(field(form(el)), 'Held, then rejected');
      submit(form(el)).click();
      (await heldCall(a, 'createComment')).answer(mine('h', { body: 'Held, then rejected', parentId: null }, { status: 'pending' }) as never);
      await until(() => article(el, 'h'));
      a.emit('comment-deleted', comment('h', { status: 'deleted' }));
      await until(() => article(el, 'h') === null);
      expect(text(part(el, 'count'))).to.equal(count(1));
      expect(rootIds(el)).to.deep.equal(['a']);
    });

    it('stops listening when the element goes: later events throw nothing', async () => {
      const a = new Controlled([[comment('a')]]);
      const el = await shown(a);
      expect(a.listeners.size).to.equal(1);
      el.remove();
      expect(a.listeners.size).to.equal(0);
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.error);
      addEventListener('error', onError);
      a.emit('comment-created', comment('r', { parentId: 'a' }));
      await quietFor(250);
      removeEventListener('error', onError);
      expect(errors).to.deep.equal([]);
    });
  });

  describe('answers out of order', () => {
    for (const clicks of [2, 3, 31]) {
      it(`ends ${clicks} fast like clicks as the server left them, whatever order its answers come in`, async () => {
        // The server applies each request as it comes; its answers come newest first but for the
        // second one, which comes last.
        const a = new Controlled([[comment('a', { likes: 0, viewerLiked: false })]]);
        a.holding.add('react');
        let server = false;
        let sent = 0;
        const react = a.react.bind(a);
        a.react = (c, o) => ((server = c.active), sent++, react(c, o));
        const el = await shown(a);
        for (let i = 0; i < clicks; i++) likes(el, 'a').click();
        for (let turns = 0; turns < 100 && a.held.react.length; turns++) {
          const held = a.held.react;
          const call = held.length > 2 ? held.pop()! : held.shift()!;
          const { active } = call.args as { active: boolean };
          call.answer({ ...comment('a'), viewerLiked: active, likes: +active } as never);
          await quietFor(0);
        }
        await until(() => !a.held.react.length && sent > 0);
        await quietFor(50);
        expect(server).to.equal(clicks % 2 === 1);
        expect(likes(el, 'a').getAttribute('aria-pressed')).to.equal(String(server));
        // No likes show no number.
        expect(text(action(el, 'a', 'likes'))).to.equal(server ? plural(s.likes, 1, 'en') : '');
        // One request at a time, and never one per click.
        expect(sent).to.be.at.most(clicks === 2 ? 2 : Math.ceil(clicks / 2) + 1);
      });
    }

    it('shows two posts answered in the reverse order each once, in place', async () => {
      const a = new Controlled([[comment('a')]]);
      a.holding.add('createComment');
      const el = await shown(a);
      fill(field(form(el)), 'First, at the top');
      submit(form(el)).click();
      action(el, 'a', 'reply-button')!.click();
      await until(() => panel(el, 'a'));
      const box = panel(el, 'a')!;
      fill(field(box), 'Second, a reply');
      submit(box).click();
      const [top, reply] = [await heldCall(a, 'createComment'), await heldCall(a, 'createComment', 2)];
      reply.answer(mine('m2', { body: 'Second, a reply', parentId: 'a' }) as never);
      await until(() => article(el, 'm2'));
      top.answer(mine('m1', { body: 'First, at the top', parentId: null }) as never);
      await until(() => article(el, 'm1'));
      expect(rootIds(el)).to.deep.equal(['m1', 'a']);
      expect(root(el).querySelector('[part~=sending]')).to.equal(null);
      expect(text(part(el, 'count'))).to.equal(count(3));
      expect(field(form(el)).value).to.equal('');
    });

    it('shows two edits of two comments answered in the reverse order each with its own text', async () => {
      const a = new Controlled([[mine('a', { body: 'A', parentId: null }), mine('b', { body: 'B', parentId: null })]]);
      a.holding.add('updateComment');
      const el = await shown(a);
      for (const id of ['a', 'b']) {
        action(el, id, 'edit-button')!.click();
        await until(() => panel(el, id));
        fill(field(panel(el, id)!), `${id} edited`);
        submit(panel(el, id)!).click();
        await heldCall(a, 'updateComment', id === 'a' ? 1 : 2);
      }
      const [ea, eb] = a.held.updateComment;
      eb!.answer(mine('b', { body: 'b edited', parentId: null }, { editedAt: new Date().toISOString() }) as never);
      ea!.answer(mine('a', { body: 'a edited', parentId: null }, { editedAt: new Date().toISOString() }) as never);
      await until(() => bodyOf(el, 'a') === 'a edited' && bodyOf(el, 'b') === 'b edited');
    });

    it('drops a "load more" answered after the sort changed, and shows the new order\'s page', async () => {
      const a = new Controlled([[comment('a')], [comment('b')]]);
      const el = await shown(a);
      a.holding.add('listComments');
      part(el, 'load-more')!.click();
      const more = await heldCall(a, 'listComments');
      const sort = part(el, 'sort') as HTMLSelectElement;
      sort.value = 'oldest';
      sort.dispatchEvent(new Event('change'));
      const oldest = await heldCall(a, 'listComments', 2);
      expect(more.options?.signal?.aborted).to.equal(true);
      oldest.answer({ comments: [comment('z')], nextCursor: '1', total: 2 } as never);
      more.answer(a.page('1') as never);
      await until(() => rootIds(el).join() === 'z');
      await quietFor(250);
      expect(rootIds(el)).to.deep.equal(['z']);
      expect(text(part(el, 'load-more'))).to.equal(s.loadMore);
    });

    it('offers "load more" again after a reload while it was loading, and the stale answer adds nothing', async () => {
      const a = new Controlled([[comment('a')], [comment('b')]]);
      const el = await shown(a);
      a.holding.add('listComments');
      part(el, 'load-more')!.click();
      const more = await heldCall(a, 'listComments');
      el.remove();
      const again = await shown(a);
      more.answer(a.page('1') as never);
      await quietFor(250);
      expect(rootIds(again)).to.deep.equal(['a']);
      expect(text(part(again, 'load-more'))).to.equal(s.loadMore);
      part(again, 'load-more')!.click();
      (await heldCall(a, 'listComments', 2)).answer(a.page('1') as never);
      await until(() => rootIds(again).join() === 'a,b');
    });

    it('shows the order chosen during the first load, not the page of the one before', async () => {
      const a = new Controlled([[comment('new')]]);
      a.holding.add('listComments');
      const el = await place(a);
      const first = await heldCall(a, 'listComments');
      const sort = part(el, 'sort') as HTMLSelectElement;
      sort.value = 'oldest';
      sort.dispatchEvent(new Event('change'));
      const second = await heldCall(a, 'listComments', 2);
      expect(a.queries.map((q) => q.sort)).to.deep.equal(['newest', 'oldest']);
      second.answer({ comments: [comment('old')], nextCursor: null, total: 1 } as never);
      first.answer(a.page(null) as never);
      await until(() => rootIds(el).length);
      await quietFor(250);
      expect(rootIds(el)).to.deep.equal(['old']);
      // The reader chose the order: what arrived is announced as sorted by it (#15).
      expect(status(el)).to.equal(fillIn(s.sorted, { order: s.sortOldest }));
    });

    it('shows a reply that arrived live while "load more" was loading once, under its parent of the next page', async () => {
      const a = new Controlled([[comment('a')], [comment('b'), comment('br', { parentId: 'b', body: 'In the page' })]]);
      const el = await shown(a);
      a.holding.add('listComments');
      part(el, 'load-more')!.click();
      const more = await heldCall(a, 'listComments');
      a.emit('comment-created', comment('br', { parentId: 'b', body: 'In the page' }));
      a.emit('comment-created', comment('ar', { parentId: 'a', body: 'Live on page one' }));
      await until(() => article(el, 'ar'));
      more.answer(a.page('1') as never);
      await until(() => article(el, 'br'));
      expect(parts(el, 'comment').filter((c) => text(c).includes('In the page'))).to.have.length(1);
      expect(rootIds(el)).to.deep.equal(['a', 'b']);
      expect(text(part(el, 'count'))).to.equal(count(4));
    });
  });

  describe('double submits and answers too late', () => {
    it('sends one post however it is submitted twice, and retries with the same Idempotency-Key', async () => {
      const a = new Controlled([[comment('a')]]);
      a.holding.add('createComment');
      const el = await shown(a);
      fill(field(form(el)), 'Once only');
      submit(form(el)).click();
      submit(form(el)).click();
      form(el).requestSubmit();
      const first = await heldCall(a, 'createComment');
      await quietFor(100);
      expect(a.held.createComment).to.have.length(1);
      expect(text(submit(form(el)))).to.equal(s.sending);
      first.fail(new AdapterError({ code: 'server_error', message: 'x', status: 500 }));
      await until(() => part(form(el), 'error'));
      expect(field(form(el)).value).to.equal('Once only');
      submit(form(el)).click();
      submit(form(el)).click();
      const retry = await heldCall(a, 'createComment', 2);
      await quietFor(100);
      expect(a.held.createComment).to.have.length(2);
      expect(retry.options?.idempotencyKey).to.equal(first.options?.idempotencyKey);
      retry.answer(mine('m', { body: 'Once only', parentId: null }) as never);
      await until(() => status(el) === s.posted);
      expect(parts(el, 'comment').filter((c) => text(c).includes('Once only'))).to.have.length(1);
    });

    it('throws and logs nothing when a post is answered after its element was removed', async () => {
      const a = new Controlled([[comment('a')]]);
      a.holding.add('createComment');
      const el = await shown(a);
      fill(field(form(el)), 'Sent, then the page moved on');
      submit(form(el)).click();
      const post = await heldCall(a, 'createComment');
      el.remove();
      const logged: unknown[] = [];
      const { error, warn } = console;
      console.error = console.warn = (...args: unknown[]) => logged.push(args);
      const thrown: unknown[] = [];
      const onError = (e: ErrorEvent) => thrown.push(e.error);
      const onRejection = (e: PromiseRejectionEvent) => thrown.push(e.reason);
      addEventListener('error', onError);
      addEventListener('unhandledrejection', onRejection);
      try {
        post.answer(mine('m', { body: 'Sent, then the page moved on', parentId: null }) as never);
        await quietFor(300);
      } finally {
        Object.assign(console, { error, warn });
        removeEventListener('error', onError);
        removeEventListener('unhandledrejection', onRejection);
      }
      expect(thrown).to.deep.equal([]);
      expect(logged).to.deep.equal([]);
      // The server took it: no draft is left to post it twice.
      expect(Object.keys(localStorage).filter((k) => k.startsWith('experience-widgets:'))).to.deep.equal([]);
    });

    it('sends one deletion however often Delete is confirmed while it is in flight', async () => {
      const a = new Controlled([[mine('a', { body: 'Mine to delete', parentId: null }), comment('b')]]);
      a.holding.add('deleteComment');
      const el = await shown(a);
      action(el, 'a', 'delete-button')!.click();
      await until(() => panel(el, 'a'));
      const confirm = [...panel(el, 'a')!.querySelectorAll('button')].find((b) => text(b) === s.delete)!;
      confirm.click();
      confirm.click();
      const call = await heldCall(a, 'deleteComment');
      await quietFor(100);
      expect(a.held.deleteComment).to.have.length(1);
      call.answer(undefined as never);
      await until(() => status(el) === s.removed);
      expect(rootIds(el)).to.deep.equal(['b']);
    });

    it('keeps the reply when its comment is deleted live while the reply is sending and the server refuses it', async () => {
      const a = new Controlled([[comment('a'), comment('b')]]);
      a.holding.add('createComment');
      const el = await shown(a);
      action(el, 'a', 'reply-button')!.click();
      await until(() => panel(el, 'a'));
      fill(field(panel(el, 'a')!), 'Answer to a');
      submit(panel(el, 'a')!).click();
      const post = await heldCall(a, 'createComment');
      a.emit('comment-deleted', comment('a'));
      await until(() => status(el) === s.replyGone);
      post.fail(new AdapterError({ code: 'not_found', message: 'gone', status: 404 }));
      await until(() => text(root(el)).includes(s.errorNotFound));
      const box = root(el).querySelector<HTMLElement>('[part~=textarea]:not(section > form > label > *)')!.closest('form')!;
      expect(field(box).value).to.equal('Answer to a');
      expect(text(root(el))).to.contain(s.replyGone);
      submit(box).click();
      const again = await heldCall(a, 'createComment', 2);
      expect((again.args as { parentId: string | null }).parentId).to.equal(null);
    });
  });

  describe('calls that never answer', () => {
    it('gives up on a custom adapter whose listComments never answers after 10 s: the reason, and a retry', async function () {
      // Every wait has a bound (#14): the store's own, for adapters that bound nothing themselves.
      this.timeout(15000);
      const a = new Controlled([[comment('late')]]);
      a.holding.add('listComments');
      const el = await place(a);
      const call = await heldCall(a, 'listComments');
      const start = performance.now();
      await quietFor(1500);
      expect(status(el)).to.equal(s.loading);
      expect(part(el, 'error')).to.equal(null);
      await until(() => part(el, 'error'), 'no message after the bound', 10000);
      expect(performance.now() - start).to.be.within(7500, 10500);
      expect(text(part(el, 'error'))).to.contain(s.errorTimeout);
      // The adapter was told: the signal it got is aborted.
      expect(call.options?.signal?.aborted).to.equal(true);
      a.holding.delete('listComments');
      [...part(el, 'error')!.querySelectorAll('button')].find((b) => text(b) === s.retry)!.click();
      await until(() => rootIds(el).includes('late'), 'the retry shows the page');
    });

    it('bounds any call the same way: the poll, the session and writes share the deadline of the thread\'s reads', async () => {
      let given: AbortSignal | undefined;
      const started = performance.now();
      const e = await withDeadline((signal) => ((given = signal), new Promise(() => {})), undefined, 50).then(() => null, (x: unknown) => x);
      expect(e).to.be.instanceOf(AdapterError);
      expect((e as AdapterError).code).to.equal('timeout');
      expect(performance.now() - started).to.be.below(1000);
      expect(given!.aborted).to.equal(true);
      // The caller's own abort is the adapter's too, at once.
      const caller = new AbortController();
      const pending = withDeadline((signal) => ((given = signal), new Promise(() => {})), caller.signal, 50_000);
      caller.abort();
      expect(given!.aborted).to.equal(true);
      void pending.catch(() => {});
    });

    it('says the server took too long when a RestAdapter GET hangs past its timeout, and retries on request', async () => {
      let lists = 0;
      const api = await mockBackend({}, http.get('*/threads/:t/comments', async () => {
        lists++;
        await delay('infinite');
        return HttpResponse.json({});
      }));
      const el = await place(new RestAdapter({ endpoint: api.endpoint, timeout: 600, retryDelay: 50 }));
      const start = performance.now();
      await until(() => part(el, 'error'), 'no message', 5000);
      expect(performance.now() - start).to.be.below(3000);
      expect(text(part(el, 'error'))).to.contain(s.errorTimeout);
      expect(status(el)).to.contain(s.errorTimeout);
      const tried = lists;
      expect(tried).to.be.at.least(1);
      [...part(el, 'error')!.querySelectorAll('button')].find((b) => text(b) === s.retry)!.click();
      await until(() => lists > tried);
    });

    it('keeps the text and says the server took too long when a RestAdapter post hangs', async () => {
      const api = await mockBackend({ comments: [comment('a')], viewer: { id: 'me', name: 'Me' } }, http.post('*/threads/:t/comments', async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }));
      const el = await shown(new RestAdapter({ endpoint: api.endpoint, timeout: 600 }));
      fill(field(form(el)), 'Into the void');
      submit(form(el)).click();
      await until(() => part(form(el), 'error'), 'no message', 5000);
      expect(text(part(form(el), 'error'))).to.equal(s.errorTimeout);
      expect(field(form(el)).value).to.equal('Into the void');
      expect(root(el).querySelector('[part~=sending]')).to.equal(null);
      expect(api.requests.filter((r) => r.method === 'POST')).to.have.length(1);
    });

    it('sends one like at a time while its request hangs, and puts the button back when it times out', async () => {
      let reacts = 0;
      const api = await mockBackend({ comments: [comment('a')], viewer: { id: 'me', name: 'Me' } }, http.post('*/comments/:id/reactions', async () => {
        reacts++;
        await delay('infinite');
        return HttpResponse.json({});
      }));
      const el = await shown(new RestAdapter({ endpoint: api.endpoint, timeout: 600 }));
      for (let i = 0; i < 5; i++) likes(el, 'a').click();
      await el.updateComplete;
      expect(likes(el, 'a').getAttribute('aria-pressed')).to.equal('true');
      await until(() => status(el).includes(s.errorTimeout), 'no message', 5000);
      expect(reacts).to.equal(1);
      expect(likes(el, 'a').getAttribute('aria-pressed')).to.equal('false');
      expect(text(action(el, 'a', 'likes'))).to.equal('');
    });
  });
});
