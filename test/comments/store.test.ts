import { expect, waitUntil } from '@open-wc/testing';
import { AdapterError, type Comment, type CommentsAdapter } from '../../src/index.js';
import { threadStore, type ThreadState, type ThreadStore } from '../../src/stores/thread.js';
import { quietFor } from '../helpers/wait.js';
import { comment, failure, healthThread, Spy } from './helpers.js';

const watching: (() => void)[] = [];
/** Watches `store` until `until` holds; the test's watchers stop after it. */
async function watch(store: ThreadStore, until: (s: ThreadState) => boolean = (s) => s.status === 'ready'): Promise<ThreadState> {
  watching.push(store.listen(() => {}));
  await waitUntil(() => until(store.get()), 'the store did not get there', { timeout: 3000 });
  return store.get();
}
const ids = (s: ThreadState) => s.roots.map((n) => n.comment.id);

describe('threadStore', () => {
  afterEach(() => watching.splice(0).forEach((stop) => stop()));

  it('is one store per adapter and thread, fetched only once watched', async () => {
    const a = new Spy({ comments: healthThread() });
    const store = threadStore(a, 't1');
    expect(threadStore(a, 't1')).to.equal(store);
    expect(threadStore(a, 't2')).not.to.equal(store);
    expect(threadStore(new Spy(), 't1')).not.to.equal(store);
    await quietFor(20);
    expect(a.lists).to.have.length(0);
    const s = await watch(store);
    expect(a.lists).to.have.length(1);
    expect(a.lists[0]!.q).to.deep.equal({ threadId: 't1', sort: 'newest', limit: 20, cursor: null });
    expect(ids(s)).to.deep.equal(['c12', 'c11', 'c10', 'c8', 'c7', 'c1']);
    expect(s.total).to.equal(12);
    expect(s.byId.get('c6')!.comment.body).to.equal('Lee, good point.');
  });

  it('does not fetch again for a second watcher, nor when watched again later', async () => {
    const a = new Spy({ comments: healthThread() });
    const store = threadStore(a, 't1');
    await watch(store);
    await watch(store);
    watching.splice(0).forEach((stop) => stop());
    await watch(store);
    expect(a.lists).to.have.length(1);
  });

  it('aborts its load as soon as the last watcher leaves, and loads again when watched', async () => {
    const a = new Spy({ comments: healthThread() });
    a.hold = true;
    const store = threadStore(a, 't1');
    const stop = store.listen(() => {});
    const other = store.listen(() => {});
    stop();
    expect(a.lists[0]!.o.signal!.aborted).to.equal(false);
    other();
    expect(a.lists[0]!.o.signal!.aborted).to.equal(true);
    a.hold = false;
    expect(ids(await watch(store))).to.have.length(6);
    expect(a.lists).to.have.length(2);
  });

  it('is one store per order and page size, each loading its own first page and leaving the others be', async () => {
    const a = new Spy({ comments: healthThread() });
    const newest = threadStore(a, 't1');
    await watch(newest);
    const store = threadStore(a, 't1', { sort: 'oldest', limit: 2 });
    expect(store).to.not.equal(newest);
    expect(store.value!.status).to.equal('loading');
    const s = await watch(store);
    expect(a.lists[1]!.q).to.deep.equal({ threadId: 't1', sort: 'oldest', limit: 2, cursor: null });
    expect(ids(s)).to.deep.equal(['c1', 'c7']);
    expect(threadStore(a, 't1', { sort: 'oldest', limit: 2 })).to.equal(store);
    expect(a.lists).to.have.length(2);
    expect(ids(newest.get())).to.deep.equal(['c12', 'c11', 'c10', 'c8', 'c7', 'c1']);
  });

  it('pages by roots, keeping what it has, and keeps the list when a page fails', async () => {
    const a = new Spy({ comments: healthThread() });
    const store = threadStore(a, 't1', { sort: 'newest', limit: 4 });
    let s = await watch(store);
    expect(ids(s)).to.deep.equal(['c12', 'c11', 'c10', 'c8']);
    expect(s.cursor).to.be.a('string');
    a.failNext.list = [failure('server_error', 500)];
    store.loadMore();
    s = await watch(store, (x) => x.more === 'error');
    expect(s.status).to.equal('ready');
    expect(s.error!.code).to.equal('server_error');
    expect(ids(s)).to.have.length(4);
    store.loadMore();
    s = await watch(store, (x) => x.more === 'idle' && x.roots.length > 4);
    expect(ids(s)).to.deep.equal(['c12', 'c11', 'c10', 'c8', 'c7', 'c1']);
    expect(s.cursor).to.equal(null);
    expect(s.byId.get('c6')).to.exist;
  });

  it('turns a failed or malformed first page into an error state, not an exception', async () => {
    const broken: CommentsAdapter = {
      listComments: async () => ({ comments: [{ id: 1 }], nextCursor: null, total: 1 }) as never,
      createComment: async () => ({}) as never,
    };
    let s = await watch(threadStore(broken, 't1'), (x) => x.status !== 'loading');
    expect(s.status).to.equal('error');
    expect(s.error).to.be.instanceOf(AdapterError);
    expect(s.error!.code).to.equal('bad_response');
    const throwing: CommentsAdapter = {
      listComments: () => Promise.reject(new TypeError('Failed to fetch')),
      createComment: async () => ({}) as never,
    };
    s = await watch(threadStore(throwing, 't1'), (x) => x.status !== 'loading');
    expect(s.error!.code).to.equal('network');
  });

  describe('live updates', () => {
    it('holds new roots from others back, puts new replies in place, and counts them', async () => {
      const a = new Spy({ comments: healthThread() });
      const store = threadStore(a, 't1');
      await watch(store);
      a.engine.insert(comment('n1', { createdAt: new Date().toISOString() }));
      a.engine.insert(comment('r1', { parentId: 'c7' }));
      a.engine.insert(comment('elsewhere', { threadId: 't2' }));
      let s = await watch(store, (x) => x.total === 14);
      expect(s.fresh.map((c) => c.id)).to.deep.equal(['n1']);
      expect(ids(s)).not.to.include('n1');
      expect(s.byId.get('c7')!.replies.map((n) => n.comment.id)).to.deep.equal(['r1']);
      a.engine.insert(comment('n2', { createdAt: new Date().toISOString() }));
      s = await watch(store, (x) => x.fresh.length === 2);
      store.showFresh();
      expect(ids(store.get()).slice(0, 3)).to.deep.equal(['n2', 'n1', 'c12']);
      expect(store.get().fresh).to.have.length(0);
    });

    it('applies edits keeping the reader\'s own flags, and deletions as placeholders or removals', async () => {
      const a = new Spy({ comments: [comment('a', { viewerLiked: true }), comment('b', { parentId: 'a' }), comment('c')] });
      const store = threadStore(a, 't1');
      await watch(store);
      a.engine.viewer = { id: 'other', name: 'Other' };
      const edited: Comment = { ...store.get().byId.get('a')!.comment, body: 'Edited elsewhere', viewerLiked: false, viewerCanEdit: true };
      (a.engine as unknown as { emit(e: unknown): void }).emit({ type: 'comment-updated', comment: edited });
      let s = await watch(store, (x) => x.byId.get('a')!.comment.body === 'Edited elsewhere');
      expect(s.byId.get('a')!.comment.viewerLiked).to.equal(true);
      expect(s.byId.get('a')!.comment.viewerCanEdit).to.equal(false);
      const emit = (id: string) =>
        (a.engine as unknown as { emit(e: unknown): void }).emit({ type: 'comment-deleted', comment: { ...s.byId.get(id)!.comment, status: 'deleted', body: '' } });
      emit('a');
      emit('c');
      s = await watch(store, (x) => x.total === 1);
      expect(ids(s)).to.deep.equal(['a']);
      expect(s.roots[0]!.comment.status).to.equal('deleted');
      expect(s.roots[0]!.replies[0]!.comment.id).to.equal('b');
    });

    it('edits and removes a new root that waits unshown, so that "show new" shows what is there now', async () => {
      const a = new Spy({ comments: [comment('a')] });
      const store = threadStore(a, 't1');
      await watch(store);
      const send = (type: string, c: Comment) => (a.engine as unknown as { emit(e: unknown): void }).emit({ type, comment: c });
      a.engine.insert(comment('n1', { createdAt: new Date().toISOString() }));
      a.engine.insert(comment('n2', { createdAt: new Date().toISOString() }));
      let s = await watch(store, (x) => x.fresh.length === 2);
      expect(s.total).to.equal(3);
      send('comment-updated', { ...s.fresh[0]!, body: 'Edited before anyone saw it' });
      send('comment-deleted', { ...s.fresh[1]!, status: 'deleted', body: '' });
      s = await watch(store, (x) => x.fresh.length === 1);
      expect(s.total).to.equal(2);
      expect(s.fresh.map((c) => [c.id, c.body])).to.deep.equal([['n1', 'Edited before anyone saw it']]);
      store.showFresh();
      expect(ids(store.get())).to.deep.equal(['n1', 'a']);
    });

    it('stops listening when nobody watches', async () => {
      const a = new Spy({ comments: [comment('a')] });
      const store = threadStore(a, 't1');
      await watch(store);
      watching.splice(0).forEach((stop) => stop());
      a.engine.insert(comment('r', { parentId: 'a' }));
      await quietFor(20);
      expect(store.value!.byId.has('r')).to.equal(false);
    });
  });

  describe('writing', () => {
    const author = { id: 'me', name: 'Me' };

    it('shows a post at once as sending, then the server\'s version, counted once', async () => {
      const a = new Spy({ comments: healthThread() });
      const store = threadStore(a, 't1');
      await watch(store);
      a.hold = true;
      const posting = store.post({ parentId: null, body: 'Hello' }, author, 'k1');
      let s = store.get();
      expect(ids(s)[0]).to.equal('sending:k1');
      expect(s.roots[0]!.comment.sending).to.equal(true);
      expect(s.roots[0]!.comment.author.name).to.equal('Me');
      a.release();
      const made = await posting;
      expect(a.posts[0]!.o.idempotencyKey).to.equal('k1');
      // The memory adapter tells subscribers before it answers: the event must not make a second copy.
      await quietFor(20);
      s = store.get();
      expect(ids(s).filter((id) => id === made.id || id === 'sending:k1')).to.deep.equal([made.id]);
      expect(s.fresh).to.have.length(0);
      expect(s.total).to.equal(13);
    });

    it('puts a reply under its parent, and removes a failed post, rejecting with an AdapterError', async () => {
      const a = new Spy({ comments: healthThread() });
      const store = threadStore(a, 't1');
      await watch(store);
      const made = await store.post({ parentId: 'c7', body: 'Reply' }, author, 'k2');
      expect(store.get().byId.get('c7')!.replies.map((n) => n.comment.id)).to.deep.equal([made.id]);
      a.failNext.post = [failure('validation', 422, 'Too rude.')];
      const e = await store.post({ parentId: null, body: 'Bad' }, author, 'k3').catch((x: unknown) => x);
      expect(e).to.be.instanceOf(AdapterError);
      expect((e as AdapterError).message).to.equal('Too rude.');
      expect(ids(store.get())).not.to.include('sending:k3');
      expect(store.get().total).to.equal(13);
    });

    it('keeps a held comment for its author without counting it', async () => {
      const a = new Spy({ comments: healthThread(), moderation: 'all' });
      const store = threadStore(a, 't1');
      await watch(store);
      const made = await store.post({ parentId: null, body: 'Held' }, author, 'k4');
      expect(made.status).to.equal('pending');
      expect(store.get().byId.get(made.id)!.comment.status).to.equal('pending');
      expect(store.get().total).to.equal(12);
    });

    it('toggles a like at once and undoes it when the server refuses', async () => {
      const a = new Spy({ comments: [comment('a', { likes: 3 })] });
      const store = threadStore(a, 't1');
      await watch(store);
      a.hold = true;
      const liking = store.like('a');
      expect(store.get().byId.get('a')!.comment).to.include({ likes: 4, viewerLiked: true });
      a.release();
      await liking;
      expect(store.get().byId.get('a')!.comment).to.include({ likes: 4, viewerLiked: true });
      a.failNext.react = [failure('forbidden', 403)];
      const e = await store.like('a').catch((x: unknown) => x);
      expect((e as AdapterError).code).to.equal('forbidden');
      expect(store.get().byId.get('a')!.comment).to.include({ likes: 4, viewerLiked: true });
    });

    it('edits, deletes (a placeholder while replies remain) and reports', async () => {
      const a = new Spy({ comments: [comment('a', { viewerCanEdit: true }), comment('b', { parentId: 'a' }), comment('c', { viewerCanEdit: true })] });
      const store = threadStore(a, 't1');
      await watch(store);
      await store.edit('a', 'New text');
      expect(store.get().byId.get('a')!.comment.body).to.equal('New text');
      expect(store.get().byId.get('a')!.comment.editedAt).to.be.a('string');
      await store.remove('a');
      await store.remove('c');
      expect(ids(store.get())).to.deep.equal(['a']);
      expect(store.get().roots[0]!.comment.status).to.equal('deleted');
      expect(store.get().total).to.equal(1);
      await store.report('b', 'Spam');
      expect(a.engine.reports).to.deep.equal([{ id: 'b', reason: 'Spam' }]);
    });
  });
});
