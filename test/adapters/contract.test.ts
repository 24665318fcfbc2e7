import { expect } from '@open-wc/testing';
import { MemoryAdapter, RestAdapter, type Adapter, type Comment, type ThreadEvent, type Viewer } from '../../src/index.js';
import { mockToken, type Engine, type EngineOptions } from '../../src/msw/index.js';
import { NOW, comment, poll } from '../helpers/fixtures.js';
import { rejection } from '../helpers/rejection.js';
import { mockBackend, streams } from '../helpers/msw.js';
import { ReferenceServer, type ServerKind } from '../helpers/reference-server.js';
import { until } from '../helpers/wait.js';

/**
 * One suite, four backends: the same cases run against MemoryAdapter, against RestAdapter talking
 * to the msw handlers, and against RestAdapter talking to the reference server over real HTTP, on
 * PGlite and on PostgreSQL. The in-memory rules, the mock and the server cannot drift apart.
 */
interface Backend {
  adapter: Adapter;
  /** Adds a comment as if someone else had posted it; tells live readers unless `announce` is false. */
  insert(c: Comment, announce?: boolean): Promise<unknown>;
  /** The reports taken, in order. */
  reports(): Promise<{ id: string; reason: string }[]>;
  /** Resolves once `n` live streams are open on the backend. */
  streamsOpen(n: number): Promise<void>;
  /** An adapter on the same backend for another reader (`null`: the anonymous one of `adapter`). */
  as(viewer: Viewer | null): Promise<Adapter>;
}
type Make = (seed: EngineOptions) => Promise<Backend>;

/** A backend over the engine, where `reader` makes the adapter of another reader. */
const overEngine = (adapter: Adapter, engine: Engine, reader: (viewer: Viewer) => Adapter): Backend => {
  const live = streams(engine);
  return {
    adapter,
    insert: async (c, announce) => engine.insert(c, announce),
    reports: async () => engine.reports,
    streamsOpen: (n) => until(() => live() === n, 'the stream did not connect'),
    as: async (viewer) => (viewer ? reader(viewer) : adapter),
  };
};

/** A backend over the reference server, and its warm-up: the first start creates its database. */
const overServer = (kind: ServerKind): [Make, () => Promise<unknown>] => {
  const server = new ReferenceServer('contract', kind);
  const make: Make = async (seed) => {
    const { endpoint, token } = await server.start(seed);
    const adapter = new RestAdapter({ endpoint, credentials: 'include', retryDelay: 1, ...(token ? { getToken: () => token } : {}) });
    return {
      adapter,
      insert: (c, announce) => server.insert(c, announce),
      reports: () => server.reports(),
      streamsOpen: (n) => server.streamsOpen(n),
      as: async (viewer) => viewer ? new RestAdapter({ endpoint, retryDelay: 1, getToken: await server.token(viewer).then((t) => () => t) }) : adapter,
    };
  };
  return [make, () => server.start()];
};

const variants: [string, Make, (() => Promise<unknown>)?][] = [
  ['MemoryAdapter', async (seed) => {
    const adapter = new MemoryAdapter(seed);
    return overEngine(adapter, adapter.engine, (viewer) => new MemoryAdapter({ engine: adapter.engine, viewer }));
  }],
  ['RestAdapter + msw handlers', async (seed) => {
    const { endpoint, engine } = await mockBackend(seed);
    return overEngine(new RestAdapter({ endpoint, retryDelay: 1 }), engine, (viewer) => new RestAdapter({ endpoint, retryDelay: 1, getToken: () => mockToken(viewer) }));
  }],
  ['RestAdapter + reference server on PGlite', ...overServer('pglite')],
  ['RestAdapter + reference server on PostgreSQL', ...overServer('postgres')],
];

const now = () => new Date(NOW);
const viewer = { id: 'me', name: 'Mira', roles: [] };

/** Five roots (r1 newest … r5 oldest; r3 has the most likes), r1 with a reply chain two deep. */
const thread = (): Comment[] => [
  comment('r1', { daysAgo: 1, likes: 1 }),
  comment('r2', { daysAgo: 2, likes: 0 }),
  comment('r3', { daysAgo: 3, likes: 9 }),
  comment('r4', { daysAgo: 4, likes: 2 }),
  comment('r5', { daysAgo: 5, likes: 0 }),
  comment('a1', { parentId: 'r1', daysAgo: 0.5 }),
  comment('a2', { parentId: 'a1', daysAgo: 0.25 }),
  comment('x1', { threadId: 'other' }),
];

for (const [name, make, warm] of variants) {
  describe(`adapter contract: ${name}`, () => {
    if (warm) {
      before(async function () {
        this.timeout(60_000);
        await warm();
      });
    }

    it('gives the session', async () => {
      const { adapter } = await make({ viewer, allowAnonymous: false, maxLength: 280 });
      expect(await adapter.getSession!()).to.deep.equal({ viewer, allowAnonymous: false, maxLength: 280 });
    });

    it('pages by root comments, each page with all its roots\' replies', async () => {
      const { adapter } = await make({ comments: thread(), now });
      const first = await adapter.listComments({ threadId: 't1', sort: 'newest', limit: 2 });
      expect(first.comments.map((c) => c.id)).to.deep.equal(['r1', 'r2', 'a1', 'a2']);
      expect(first.total).to.equal(7);
      expect(first.nextCursor).to.be.a('string');
      const second = await adapter.listComments({ threadId: 't1', sort: 'newest', limit: 2, cursor: first.nextCursor });
      expect(second.comments.map((c) => c.id)).to.deep.equal(['r3', 'r4']);
      const third = await adapter.listComments({ threadId: 't1', sort: 'newest', limit: 2, cursor: second.nextCursor });
      expect(third.comments.map((c) => c.id)).to.deep.equal(['r5']);
      expect(third.nextCursor).to.equal(null);
    });

    it('sorts roots newest, oldest and top', async () => {
      const { adapter } = await make({ comments: thread(), now });
      const roots = async (sort: 'newest' | 'oldest' | 'top') =>
        (await adapter.listComments({ threadId: 't1', sort, limit: 10 })).comments.filter((c) => !c.parentId).map((c) => c.id);
      expect(await roots('newest')).to.deep.equal(['r1', 'r2', 'r3', 'r4', 'r5']);
      expect(await roots('oldest')).to.deep.equal(['r5', 'r4', 'r3', 'r2', 'r1']);
      expect(await roots('top')).to.deep.equal(['r3', 'r4', 'r1', 'r2', 'r5']);
    });

    it('keeps paging when the last root of a page is deleted meanwhile', async () => {
      const { adapter, insert } = await make({ comments: thread(), now });
      const first = await adapter.listComments({ threadId: 't1', sort: 'oldest', limit: 2 });
      await insert({ ...comment('r4', { daysAgo: 4 }), status: 'deleted' }, false);
      const second = await adapter.listComments({ threadId: 't1', sort: 'oldest', limit: 2, cursor: first.nextCursor });
      expect(second.comments.filter((c) => !c.parentId).map((c) => c.id)).to.deep.equal(['r3', 'r2']);
    });

    it('creates a comment that the next list shows', async () => {
      const { adapter } = await make({ comments: thread(), viewer, now });
      const created = await adapter.createComment({ threadId: 't1', parentId: 'a2', body: '  Thank you!  ' });
      expect(created).to.include({ threadId: 't1', parentId: 'a2', body: 'Thank you!', status: 'published', likes: 0, viewerCanEdit: true });
      expect(created.author).to.include({ id: 'me', name: 'Mira' });
      expect(created.createdAt).to.equal(new Date(NOW).toISOString());
      const page = await adapter.listComments({ threadId: 't1', sort: 'newest', limit: 1 });
      expect(page.comments.map((c) => c.id)).to.include(created.id);
      expect(page.total).to.equal(8);
    });

    it('posts anonymously with a name when allowed, and refuses otherwise', async () => {
      const open = await make({ allowAnonymous: true });
      const anon = await open.adapter.createComment({ threadId: 't1', parentId: null, body: 'Hi', author: { name: 'Guest' } });
      expect(anon.author.name).to.equal('Guest');
      expect((await rejection(open.adapter.createComment({ threadId: 't1', parentId: null, body: 'Hi' }))).code).to.equal('validation');
      const closed = await make({ allowAnonymous: false });
      const e = await rejection(closed.adapter.createComment({ threadId: 't1', parentId: null, body: 'Hi', author: { name: 'Guest' } }));
      expect(e.code).to.equal('unauthorized');
    });

    it('refuses empty bodies and bodies over maxLength in code points', async () => {
      const { adapter } = await make({ viewer, maxLength: 3 });
      expect((await rejection(adapter.createComment({ threadId: 't1', parentId: null, body: ' \n ' }))).code).to.equal('validation');
      const tooLong = await rejection(adapter.createComment({ threadId: 't1', parentId: null, body: '🙂🙂🙂🙂' }));
      expect(tooLong.code).to.equal('validation');
      expect(tooLong.message).to.contain('3');
      expect((await adapter.createComment({ threadId: 't1', parentId: null, body: '🙂🙂🙂' })).body).to.equal('🙂🙂🙂');
    });

    it('holds comments for moderation: pending, shown to their author only, not counted', async () => {
      const { adapter } = await make({ moderation: 'anonymous', comments: thread() });
      const created = await adapter.createComment({ threadId: 't1', parentId: null, body: 'Held', author: { name: 'Guest' } });
      expect(created.status).to.equal('pending');
      const page = await adapter.listComments({ threadId: 't1', sort: 'newest', limit: 10 });
      expect(page.comments.find((c) => c.id === created.id)?.status).to.equal('pending');
      expect(page.total).to.equal(7);
    });

    it('replies to a missing parent with not_found', async () => {
      const { adapter } = await make({ viewer });
      const e = await rejection(adapter.createComment({ threadId: 't1', parentId: 'nope', body: 'Hi' }));
      expect(e.code).to.equal('not_found');
    });

    it('creates once per idempotency key', async () => {
      const { adapter } = await make({ viewer });
      const c = { threadId: 't1', parentId: null, body: 'Once' };
      const a = await adapter.createComment(c, { idempotencyKey: 'k-1' });
      const b = await adapter.createComment(c, { idempotencyKey: 'k-1' });
      expect(b.id).to.equal(a.id);
      expect((await adapter.listComments({ threadId: 't1', sort: 'newest', limit: 10 })).total).to.equal(1);
    });

    it('likes and unlikes', async () => {
      const { adapter } = await make({ viewer, comments: thread() });
      const liked = await adapter.react!({ id: 'r3', reaction: 'like', active: true });
      expect(liked).to.include({ likes: 10, viewerLiked: true });
      const again = await adapter.react!({ id: 'r3', reaction: 'like', active: true });
      expect(again.likes).to.equal(10);
      const unliked = await adapter.react!({ id: 'r3', reaction: 'like', active: false });
      expect(unliked).to.include({ likes: 9, viewerLiked: false });
    });

    it('edits own comments only', async () => {
      const { adapter } = await make({ viewer, comments: thread(), now });
      const mine = await adapter.createComment({ threadId: 't1', parentId: null, body: 'Frist' });
      const edited = await adapter.updateComment!({ id: mine.id, body: 'First' });
      expect(edited).to.include({ body: 'First', editedAt: new Date(NOW).toISOString() });
      expect((await rejection(adapter.updateComment!({ id: 'r1', body: 'Mine now' }))).code).to.equal('forbidden');
      expect((await rejection(adapter.updateComment!({ id: 'nope', body: 'x' }))).code).to.equal('not_found');
    });

    it('deletes own comments: gone without replies, a placeholder with them', async () => {
      const { adapter } = await make({ viewer, comments: thread() });
      const lone = await adapter.createComment({ threadId: 't1', parentId: null, body: 'Lone' });
      const parent = await adapter.createComment({ threadId: 't1', parentId: null, body: 'Parent' });
      await adapter.createComment({ threadId: 't1', parentId: parent.id, body: 'Child' });
      await adapter.deleteComment!({ id: lone.id });
      await adapter.deleteComment!({ id: parent.id });
      const page = await adapter.listComments({ threadId: 't1', sort: 'newest', limit: 10 });
      expect(page.comments.some((c) => c.id === lone.id)).to.equal(false);
      const placeholder = page.comments.find((c) => c.id === parent.id)!;
      expect(placeholder).to.include({ status: 'deleted', body: '' });
      expect(placeholder.author.name).to.equal('');
      expect(page.total).to.equal(8);
      expect((await rejection(adapter.deleteComment!({ id: 'r1' }))).code).to.equal('forbidden');
    });

    it('answers a thread nobody has commented on yet with an empty page', async () => {
      const { adapter } = await make({ comments: thread() });
      // Sites often name a thread by its page's path or address.
      for (const threadId of ['not-yet', '/blog/2026/not-yet/', 'https://example.org/a?b=1#c', '.hidden', 'مقال جديد']) {
        for (const sort of ['newest', 'top'] as const) {
          expect(await adapter.listComments({ threadId, sort, limit: 10 }), `${threadId} ${sort}`).to.deep.equal({ comments: [], nextCursor: null, total: 0 });
        }
      }
    });

    it('keeps each reader\'s comments, likes and votes apart', async () => {
      const { adapter: guest, as } = await make({ comments: thread(), polls: [poll('p', { resultsVisibility: 'always' })], now });
      const sam = await as({ id: 'sam', name: 'Sam', roles: [] });
      const posted = await guest.createComment({ threadId: 't1', parentId: null, body: 'From the guest', author: { name: 'Guest' } });
      await guest.react!({ id: 'r3', reaction: 'like', active: true });
      await guest.vote({ pollId: 'p', optionIds: ['no'] });

      const seen = (await sam.listComments({ threadId: 't1', sort: 'newest', limit: 10 })).comments;
      expect(seen.find((c) => c.id === posted.id), 'another reader does not see my Edit').to.include({ viewerCanEdit: false });
      expect(seen.find((c) => c.id === 'r3'), 'nor my like as theirs').to.include({ likes: 10, viewerLiked: false });
      expect((await rejection(sam.updateComment!({ id: posted.id, body: 'Mine now' }))).code).to.equal('forbidden');
      expect((await rejection(sam.deleteComment!({ id: posted.id }))).code).to.equal('forbidden');
      expect((await sam.getPoll({ pollId: 'p' })).viewerVote, 'nor my vote as their choice').to.equal(null);
      expect((await sam.vote({ pollId: 'p', optionIds: ['yes'] })).viewerVote).to.deep.equal(['yes']);
      await sam.react!({ id: 'r3', reaction: 'like', active: true });

      const mine = (await guest.listComments({ threadId: 't1', sort: 'newest', limit: 10 })).comments;
      expect(mine.find((c) => c.id === posted.id)).to.include({ viewerCanEdit: true });
      expect(mine.find((c) => c.id === 'r3')).to.include({ likes: 11, viewerLiked: true });
      const counted = await guest.getPoll({ pollId: 'p' });
      expect([counted.viewerVote, counted.options.map((o) => o.votes)]).to.deep.equal([['no'], [4, 1, 1]]);
    });

    it('takes reports with a reason', async () => {
      const { adapter, reports } = await make({ comments: thread() });
      await adapter.report!({ id: 'r2', reason: 'Spam' });
      expect(await reports()).to.deep.equal([{ id: 'r2', reason: 'Spam' }]);
      expect((await rejection(adapter.report!({ id: 'r2', reason: ' ' }))).code).to.equal('validation');
    });

    it('tells subscribers of comments from others', async () => {
      const { adapter, insert, streamsOpen } = await make({ comments: thread() });
      const events: ThreadEvent[] = [];
      const stop = adapter.subscribe!('t1', (e) => events.push(e));
      // The REST stream connects before the first event.
      await streamsOpen(1);
      await insert(comment('live', { body: 'Hello from elsewhere' }));
      await until(() => events.length > 0, 'no event', 3000);
      stop();
      expect(events.map((e) => [e.type, e.comment.id, e.comment.body])).to.deep.equal([['comment-created', 'live', 'Hello from elsewhere']]);
    });

    describe('moderation and counts', () => {
      const moderator: Viewer = { id: 'mod', name: 'Mo', roles: ['moderator'] };

      it('lets a moderator see held comments and approve them: published and counted', async () => {
        const { adapter, as } = await make({ moderation: 'anonymous', comments: thread(), now });
        const held = await adapter.createComment({ threadId: 't1', parentId: null, body: 'Held', author: { name: 'Guest' } });
        const mod = await as(moderator);
        const seen = (await mod.listComments({ threadId: 't1', sort: 'newest', limit: 10 })).comments.find((c) => c.id === held.id);
        expect(seen?.status).to.equal('pending');
        const approved = await mod.moderate!({ id: held.id, action: 'approve' });
        expect(approved.status).to.equal('published');
        const reader = await as({ id: 'someone', name: 'Someone', roles: [] });
        const page = await reader.listComments({ threadId: 't1', sort: 'newest', limit: 10 });
        expect(page.comments.find((c) => c.id === held.id)?.status).to.equal('published');
        expect(page.total).to.equal(8);
      });

      it('refuses moderation to anyone but a moderator', async () => {
        const { adapter } = await make({ viewer, comments: thread() });
        const e = await rejection(adapter.moderate!({ id: 'r1', action: 'pin' }));
        expect([e.code, e.status ?? 403]).to.deep.equal(['forbidden', 403]);
        expect((await rejection(adapter.listModeration!({ limit: 10 }))).code).to.equal('forbidden');
      });

      it('pins roots first in every sort, refuses to pin a reply, and rejects like a deletion', async () => {
        const { as } = await make({ comments: thread(), now });
        const mod = await as(moderator);
        expect((await mod.moderate!({ id: 'r5', action: 'pin' })).pinned).to.equal(true);
        for (const sort of ['newest', 'oldest', 'top'] as const) {
          const page = await mod.listComments({ threadId: 't1', sort, limit: 10 });
          expect(page.comments[0]!.id, sort).to.equal('r5');
        }
        expect((await rejection(mod.moderate!({ id: 'a1', action: 'pin' }))).code).to.equal('validation');
        await mod.moderate!({ id: 'r5', action: 'unpin' });
        expect((await mod.listComments({ threadId: 't1', sort: 'newest', limit: 10 })).comments[0]!.id).to.equal('r1');
        await mod.moderate!({ id: 'r4', action: 'reject' });
        const page = await mod.listComments({ threadId: 't1', sort: 'newest', limit: 10 });
        expect(page.comments.some((c) => c.id === 'r4')).to.equal(false);
        expect(page.total).to.equal(6);
      });

      it('lists pending and reported comments newest first, with the reports\' reasons, to moderators', async () => {
        const { adapter, as } = await make({ moderation: 'anonymous', comments: thread(), now });
        const held = await adapter.createComment({ threadId: 't1', parentId: null, body: 'Held', author: { name: 'Guest' } });
        await adapter.report!({ id: 'r2', reason: 'Spam' });
        const mod = await as(moderator);
        const queue = await mod.listModeration!({ limit: 10 });
        expect(queue.comments.map((c) => [c.id, c.status, c.reportReasons])).to.deep.equal([
          [held.id, 'pending', []],
          ['r2', 'published', ['Spam']],
        ]);
        expect(queue.nextCursor).to.equal(null);
        const listed = (await mod.listComments({ threadId: 't1', sort: 'newest', limit: 10 })).comments.find((c) => c.id === 'r2');
        expect([listed?.reports, listed?.reportReasons]).to.deep.equal([1, ['Spam']]);
        const first = await mod.listModeration!({ limit: 1 });
        expect(first.comments.map((c) => c.id)).to.deep.equal([held.id]);
        expect((await mod.listModeration!({ limit: 1, cursor: first.nextCursor })).comments.map((c) => c.id)).to.deep.equal(['r2']);
        const plain = (await (await as(null)).listComments({ threadId: 't1', sort: 'newest', limit: 10 })).comments.find((c) => c.id === 'r2');
        expect([plain?.reports, plain?.reportReasons]).to.deep.equal([undefined, undefined]);
      });

      it('holds a comment back for a moderator once three readers reported it, and not again once approved', async () => {
        const { as } = await make({ comments: thread(), now });
        const report = async (who: string) => (await as({ id: who, name: who, roles: [] })).report!({ id: 'r2', reason: `Spam, says ${who}` });
        await report('reader-1');
        await report('reader-2');
        await report('reader-2');
        const reader = await as({ id: 'reader-9', name: 'Nine', roles: [] });
        expect((await reader.listComments({ threadId: 't1', sort: 'newest', limit: 10 })).comments.some((c) => c.id === 'r2')).to.equal(true);
        await report('reader-3');
        const held = await reader.listComments({ threadId: 't1', sort: 'newest', limit: 10 });
        expect(held.comments.some((c) => c.id === 'r2')).to.equal(false);
        expect(held.total).to.equal(6);
        const mod = await as(moderator);
        expect((await mod.listModeration!({ limit: 10 })).comments.map((c) => [c.id, c.status])).to.deep.equal([['r2', 'pending']]);
        await mod.moderate!({ id: 'r2', action: 'approve' });
        await report('reader-4');
        const kept = await (await as({ id: 'reader-9', name: 'Nine', roles: [] })).listComments({ threadId: 't1', sort: 'newest', limit: 10 });
        expect(kept.comments.find((c) => c.id === 'r2')?.status).to.equal('published');
      });

      it('counts published comments per thread, 0 for a thread with none, and refuses over 100 threads', async () => {
        const { adapter } = await make({ comments: [...thread(), comment('y1', { threadId: 'a,b' })] });
        expect(await adapter.countComments!({ threadIds: ['t1', 'other', 'a,b', 'none'] })).to.deep.equal({ t1: 7, other: 1, 'a,b': 1, none: 0 });
        const many = Array.from({ length: 101 }, (_, i) => `t${i}`);
        expect((await rejection(adapter.countComments!({ threadIds: many }))).code).to.equal('validation');
      });
    });

    describe('polls', () => {
      it('hides votes until the viewer voted, under after-vote', async () => {
        const { adapter } = await make({ polls: [poll('p', { resultsVisibility: 'after-vote' })] });
        const before = await adapter.getPoll({ pollId: 'p' });
        expect(before.options.map((o) => o.votes)).to.deep.equal([null, null, null]);
        expect(before.totalVotes).to.equal(null);
        const after = await adapter.vote({ pollId: 'p', optionIds: ['some'] });
        expect(after.options.map((o) => o.votes)).to.deep.equal([3, 2, 0]);
        expect(after).to.include({ totalVotes: 5 });
        expect(after.viewerVote).to.deep.equal(['some']);
      });

      it('hides votes until closed, under after-close', async () => {
        const { adapter } = await make({ now, polls: [
          poll('open', { resultsVisibility: 'after-close', closesAt: new Date(NOW + 1000).toISOString() }),
          poll('past', { resultsVisibility: 'after-close', closesAt: new Date(NOW - 1000).toISOString() }),
        ] });
        const open = await adapter.vote({ pollId: 'open', optionIds: ['yes'] });
        expect(open.totalVotes).to.equal(null);
        const past = await adapter.getPoll({ pollId: 'past' });
        expect(past).to.include({ closed: true, totalVotes: 4 });
      });

      it('refuses a second vote with already_voted and a closed poll with poll_closed', async () => {
        const { adapter } = await make({ polls: [poll('p'), poll('shut', { closed: true })] });
        await adapter.vote({ pollId: 'p', optionIds: ['yes'] });
        const twice = await rejection(adapter.vote({ pollId: 'p', optionIds: ['no'] }));
        expect([twice.code, twice.status ?? 409]).to.deep.equal(['already_voted', 409]);
        expect((await rejection(adapter.vote({ pollId: 'shut', optionIds: ['no'] }))).code).to.equal('poll_closed');
      });

      it('counts a multiple-choice ballot once per chosen option, up to maxChoices', async () => {
        const { adapter } = await make({ polls: [poll('m', { multiple: true, maxChoices: 2 })] });
        expect((await rejection(adapter.vote({ pollId: 'm', optionIds: ['yes', 'some', 'no'] }))).code).to.equal('validation');
        expect((await rejection(adapter.vote({ pollId: 'm', optionIds: [] }))).code).to.equal('validation');
        expect((await rejection(adapter.vote({ pollId: 'm', optionIds: ['yes', 'yes'] }))).code).to.equal('validation');
        expect((await rejection(adapter.vote({ pollId: 'm', optionIds: ['maybe'] }))).code).to.equal('validation');
        const p = await adapter.vote({ pollId: 'm', optionIds: ['yes', 'no'] });
        expect(p.options.map((o) => o.votes)).to.deep.equal([4, 1, 1]);
        expect(p.totalVotes).to.equal(6);
      });

      it('answers a retried vote with the same key with the poll, not already_voted', async () => {
        const { adapter } = await make({ polls: [poll('p')] });
        await adapter.vote({ pollId: 'p', optionIds: ['yes'] }, { idempotencyKey: 'v-1' });
        const again = await adapter.vote({ pollId: 'p', optionIds: ['yes'] }, { idempotencyKey: 'v-1' });
        expect(again.options[0]!.votes).to.equal(4);
      });

      it('answers an unknown poll with not_found', async () => {
        const { adapter } = await make({});
        expect((await rejection(adapter.getPoll({ pollId: 'nope' }))).code).to.equal('not_found');
      });
    });

    it('rejects with code aborted when the caller aborts', async () => {
      const { adapter } = await make({ comments: thread() });
      const c = new AbortController();
      c.abort();
      expect((await rejection(adapter.listComments({ threadId: 't1', sort: 'newest', limit: 5 }, { signal: c.signal }))).code).to.equal('aborted');
    });
  });
}
