import { expect } from '@open-wc/testing';
import type { Comment, ExperienceComments } from '../../src/index.js';
import { applyEvents, applyPage, buildTree, initialData, updateTree, type Changes, type ThreadNode, type ThreadTree } from '../../src/stores/thread-state.js';
import { MAX_PAGE } from '../../src/model/validate.js';
import { FLOOD, threadStore } from '../../src/stores/thread.js';
import { comment, mount, part, root, text } from '../comments/helpers.js';
import { until } from '../helpers/wait.js';
import { Controlled } from './controlled.js';

/**
 * Hostile structure: threads whose shape no honest server sends (depth, cycles, self-parents,
 * duplicates, orphans, odd ids) and live events that reshape them. What the reader sees is what
 * a root reaches, each comment once, and the heading counts exactly that once every page is in.
 */

const reply = (id: string, parentId: string, over: Partial<Comment> = {}) => comment(id, { parentId, ...over });
const shown = (el: Element) => [...root(el).querySelectorAll<HTMLElement>('li[data-id]')].map((li) => li.dataset.id);
const heading = (el: Element) => text(part(el, 'count'));

/** An element showing `pages`, every page loaded. */
async function showing(pages: Comment[][], total?: number): Promise<{ el: ExperienceComments; a: Controlled }> {
  const a = new Controlled(pages, total);
  const el = await mount(a, { 'page-size': '100' });
  for (let i = 1; i < pages.length; i++) {
    part(el, 'load-more')!.click();
    await until(() => a.answered > i);
    // A task later every promise after the answer has run: the page is applied, the element updated.
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
  return { el, a };
}

/** A chain `n` deep under one root, `c0` the root. */
const chain = (n: number) => Array.from({ length: n }, (_, i) => comment(`c${i}`, { parentId: i ? `c${i - 1}` : null }));

/** The tree as plain data, to compare two trees. */
const shape = (nodes: ThreadNode[]): unknown => nodes.map((n) => [n.comment.id, n.comment.status, n.comment.body, n.count, shape(n.replies)]);

interface Case {
  what: string;
  pages: Comment[][];
  /** The ids shown, in document order. */
  ids: string[];
  /** The heading once every page is in (the server's `total` is the number of comments it sent). */
  count: string;
}

const ODD_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'x'.repeat(10_000), '💬\u202Eאב\u0301', '"]><li data-id="a', '0', 'null', 'sending:k'];

const cases: Case[] = [
  { what: 'a cycle of two', pages: [[comment('a'), reply('x', 'y'), reply('y', 'x')]], ids: ['a'], count: '1 comment' },
  { what: 'a cycle of three', pages: [[comment('a'), reply('x', 'z'), reply('y', 'x'), reply('z', 'y')]], ids: ['a'], count: '1 comment' },
  { what: 'a self-parent', pages: [[comment('a'), reply('self', 'self')]], ids: ['a'], count: '1 comment' },
  { what: 'a reply under a self-parent', pages: [[comment('a'), reply('self', 'self'), reply('r', 'self')]], ids: ['a'], count: '1 comment' },
  { what: 'an orphan', pages: [[comment('a'), reply('o', 'nowhere')]], ids: ['a'], count: '1 comment' },
  { what: 'only orphans and cycles', pages: [[reply('o', 'nowhere'), reply('x', 'y'), reply('y', 'x')]], ids: [], count: '0 comments' },
  { what: 'a duplicate id in a page (the first kept)', pages: [[comment('a'), comment('a', { body: 'second' }), reply('r', 'a')]], ids: ['a', 'r'], count: '2 comments' },
  { what: 'a duplicate root across pages', pages: [[comment('a')], [comment('a'), comment('b')]], ids: ['a', 'b'], count: '2 comments' },
  // The later page's version is the server's newer word.
  { what: 'a duplicate reply across pages', pages: [[comment('a'), reply('r', 'a')], [comment('b'), reply('r', 'b')]], ids: ['a', 'b', 'r'], count: '3 comments' },
  { what: 'an id both a root and a reply', pages: [[comment('a'), comment('b'), reply('a', 'b')]], ids: ['a', 'b'], count: '2 comments' },
  { what: 'a parent after its child', pages: [[reply('r', 'a'), reply('rr', 'r'), comment('a')]], ids: ['a', 'r', 'rr'], count: '3 comments' },
  { what: 'a reply whose parent comes on a later page', pages: [[comment('a'), reply('late', 'b')], [comment('b')]], ids: ['a', 'b', 'late'], count: '3 comments' },
  { what: 'a chain of deleted comments with a reply at its end', pages: [[comment('d1', { status: 'deleted' }), reply('d2', 'd1', { status: 'deleted' }), reply('r', 'd2')]], ids: ['d1', 'd2', 'r'], count: '1 comment' },
  { what: 'a chain of deleted comments alone', pages: [[comment('a'), comment('d1', { status: 'deleted' }), reply('d2', 'd1', { status: 'deleted' })]], ids: ['a'], count: '1 comment' },
  { what: 'a reply to a deleted comment', pages: [[comment('d', { status: 'deleted' }), reply('r', 'd')]], ids: ['d', 'r'], count: '1 comment' },
  { what: 'a pinned reply', pages: [[comment('a'), reply('r1', 'a'), reply('r2', 'a', { pinned: true })]], ids: ['a', 'r1', 'r2'], count: '3 comments' },
  { what: 'a reply pending moderation from someone else', pages: [[comment('a'), reply('p', 'a', { status: 'pending' })]], ids: ['a', 'p'], count: '1 comment' },
  { what: 'a parent id naming the thread', pages: [[comment('a'), reply('r', 't1')]], ids: ['a'], count: '1 comment' },
  { what: 'a reply whose parent is an orphan', pages: [[comment('a'), reply('o', 'nowhere'), reply('oo', 'o')]], ids: ['a'], count: '1 comment' },
  ...ODD_IDS.map((id) => ({
    what: `the id ${JSON.stringify(id.slice(0, 20))}${id.length > 20 ? '…' : ''} as parent and reply`,
    pages: [[comment(id), reply(`${id}-r`, id), reply('orphan', `${id}-none`)]],
    ids: [id, `${id}-r`],
    count: '2 comments',
  })),
  { what: 'a parent id `__proto__` without such a comment', pages: [[comment('a'), reply('r', '__proto__')]], ids: ['a'], count: '1 comment' },
];

describe('hostile structure', function () {
  this.timeout(20_000);

  for (const c of cases) {
    it(`shows ${c.what} as a root reaches it, and counts what it shows`, async () => {
      const { el } = await showing(c.pages);
      expect(shown(el)).to.deep.equal(c.ids);
      expect(heading(el)).to.equal(c.count);
      // Never a count beside "No comments yet".
      expect(!!part(el, 'empty')).to.equal(c.ids.length === 0);
    });
  }

  it('believes the server\'s total while pages are left, never below what it shows', async () => {
    const a = new Controlled([[comment('a'), reply('o', 'nowhere')], [comment('b')]], 9);
    const el = await mount(a, { 'page-size': '1' });
    expect(heading(el)).to.equal('9 comments');
    part(el, 'load-more')!.click();
    await until(() => shown(el).includes('b'));
    expect(heading(el)).to.equal('2 comments');
  });

  it('shows a chain 3,000 deep, every comment of it, without overflowing the stack', async () => {
    const { el } = await showing([chain(3000)]);
    await until(() => shown(el).length === 3000);
    expect(shown(el).at(-1)).to.equal('c2999');
    expect(heading(el)).to.equal('3,000 comments');
  });

  // A page holds at most MAX_PAGE (10,000) comments (a larger one is refused, test/hostile/sizes.test.ts):
  // the chain is as deep as a page may be, then live replies take it to 20,000.
  it('holds a chain as deep as a page may be, and twice that with live replies, without recursion', async () => {
    const a = new Controlled([chain(MAX_PAGE)]);
    const store = threadStore(a, 'deep');
    const stop = store.listen(() => {});
    try {
      await until(() => store.get().status !== 'loading');
      const s = store.get();
      expect(s.status).to.equal('ready');
      expect(s.error).to.equal(null);
      expect(s.roots[0]!.count).to.equal(MAX_PAGE - 1);
      expect(s.byId.get(`c${MAX_PAGE - 1}`)!.comment.parentId).to.equal(`c${MAX_PAGE - 2}`);
      expect(s.total).to.equal(MAX_PAGE);
      // Live replies, each below the last, go up the whole chain without recursion: those beyond
      // FLOOD a second wait behind "Show new comments", each after its parent, and show with it.
      for (let i = MAX_PAGE; i < 2 * MAX_PAGE; i++) a.emit('comment-created', reply(`c${i}`, `c${i - 1}`));
      await until(() => store.get().byId.size + store.get().fresh.length === 2 * MAX_PAGE, 'the live replies were applied', 15000);
      expect(store.get().byId.has(`c${MAX_PAGE + FLOOD - 1}`)).to.equal(true);
      expect(store.get().byId.has(`c${MAX_PAGE + FLOOD}`)).to.equal(false);
      while (store.get().fresh.length) store.showFresh();
      expect(store.get().byId.has(`c${2 * MAX_PAGE - 1}`)).to.equal(true);
      expect(store.get().roots[0]!.count).to.equal(2 * MAX_PAGE - 1);
      expect(store.get().total).to.equal(2 * MAX_PAGE);
    } finally {
      stop();
    }
  });

  it('places hidden replies once a live comment with their parent\'s id arrives', async () => {
    const { el, a } = await showing([[comment('a'), reply('o', 'p'), reply('oo', 'o')]]);
    expect(shown(el)).to.deep.equal(['a']);
    a.emit('comment-created', reply('p', 'a'));
    await until(() => shown(el).length === 4);
    expect(shown(el)).to.deep.equal(['a', 'p', 'o', 'oo']);
    expect(heading(el)).to.equal('4 comments');
  });

  it('moves a comment that a live update gives another parent, and hides one made its own parent', async () => {
    const { el, a } = await showing([[comment('a'), comment('b'), reply('r', 'a'), reply('s', 'b')]]);
    a.emit('comment-updated', reply('r', 'b'));
    await until(() => shown(el).join() === 'a,b,r,s');
    a.emit('comment-updated', reply('s', 's'));
    await until(() => shown(el).join() === 'a,b,r');
    expect(heading(el)).to.equal('3 comments');
  });

  it('takes away a placeholder with its last reply, up a chain of them', async () => {
    const { el, a } = await showing([[comment('a'), comment('d1', { status: 'deleted' }), reply('d2', 'd1', { status: 'deleted' }), reply('r', 'd2')]]);
    expect(shown(el)).to.deep.equal(['a', 'd1', 'd2', 'r']);
    a.emit('comment-deleted', reply('r', 'd2'));
    await until(() => shown(el).join() === 'a');
    expect(heading(el)).to.equal('1 comment');
  });

  it('shows a live reply to a placeholder without replies, with the placeholder', async () => {
    const { el, a } = await showing([[comment('a'), comment('d', { status: 'deleted' })]]);
    a.emit('comment-created', reply('r', 'd'));
    await until(() => shown(el).join() === 'a,d,r');
  });

  it('shows 5,000 replies to one comment, counted', async () => {
    const { el } = await showing([[comment('a'), ...Array.from({ length: 5000 }, (_, i) => reply(`r${i}`, 'a'))]]);
    expect(shown(el)).to.have.length(5001);
    expect(heading(el)).to.equal('5,001 comments');
  });

  it('keeps the nodes a live event did not touch the same objects', async () => {
    const d = applyPage(initialData('newest', 20), { comments: [comment('a'), reply('a1', 'a'), comment('b'), reply('b1', 'b')], nextCursor: null, total: 4 }, false);
    const tree = buildTree(d.comments);
    const [a, b] = tree.roots;
    const changes: Changes = { patched: new Set(), added: [] };
    const next = applyEvents(d, [{ type: 'comment-updated', comment: reply('a1', 'a', { body: 'edited' }) }], changes);
    const after = updateTree(tree, next.comments, changes);
    expect(after.roots[1]).to.equal(b);
    expect(after.roots[0]).not.to.equal(a);
    expect(after.roots[0]!.replies[0]!.comment.body).to.equal('edited');
  });

  // The tree a batch updates is the tree built afresh from the same comments, whatever the batch.
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`updates the tree as building it afresh would, for random hostile events (seed ${seed})`, () => {
      let s = seed;
      const random = (n: number) => ((s = (s * 16807) % 2147483647), s % n);
      const id = () => `k${random(60)}`;
      const start = Array.from({ length: 40 }, (_, i) => comment(`k${i}`, { parentId: i < 8 ? null : `k${random(i + 12)}` }));
      let d = applyPage(initialData('oldest', 20), { comments: start, nextCursor: null, total: 40 }, false);
      let tree: ThreadTree = buildTree(d.comments);
      for (let batch = 0; batch < 40; batch++) {
        const events = Array.from({ length: 1 + random(8) }, () => {
          const type = (['comment-created', 'comment-updated', 'comment-deleted'] as const)[random(3)]!;
          const parentId = random(5) ? id() : random(2) ? null : `gone${random(3)}`;
          return { type, comment: comment(id(), { parentId, body: `b${random(1000)}`, status: random(6) ? 'published' : 'deleted' }) };
        });
        const changes: Changes = { patched: new Set(), added: [] };
        const next = applyEvents(d, events, changes);
        if (next.comments !== d.comments) tree = updateTree(tree, next.comments, changes);
        d = next;
        const fresh = buildTree(d.comments);
        expect(shape(tree.roots), `after batch ${batch}`).to.deep.equal(shape(fresh.roots));
        expect(tree.shown).to.equal(fresh.shown);
        expect([...tree.byId.keys()].sort()).to.deep.equal([...fresh.byId.keys()].sort());
      }
    });
  }
});
