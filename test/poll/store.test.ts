import { expect, waitUntil } from '@open-wc/testing';
import { AdapterError, MemoryAdapter, type CallOptions, type CommentsAdapter, type Poll, type PollAdapter, type SeedPoll } from '../../src/index.js';
import { pollStore, type PollState, type PollStore } from '../../src/stores/poll.js';
import { sessionStore } from '../../src/stores/session.js';
import { poll } from '../helpers/fixtures.js';

/** A MemoryAdapter that records its calls, can hold votes back, and can fail the next ones. */
class Recording implements PollAdapter {
  inner: MemoryAdapter;
  gets: CallOptions[] = [];
  votes: { optionIds: string[]; o: CallOptions }[] = [];
  failures: AdapterError[] = [];
  gate: Promise<void> | undefined;

  constructor(polls: SeedPoll[], latency = 0) {
    this.inner = new MemoryAdapter({ polls, latency });
  }

  getPoll(q: { pollId: string }, o: CallOptions = {}): Promise<Poll> {
    this.gets.push(o);
    return this.inner.getPoll(q, o);
  }

  async vote(q: { pollId: string; optionIds: string[] }, o: CallOptions = {}): Promise<Poll> {
    this.votes.push({ optionIds: q.optionIds, o });
    await new Promise<void>((resolve, reject) => {
      if (this.gate) void this.gate.then(resolve);
      else resolve();
      o.signal?.addEventListener('abort', () => reject(new AdapterError({ code: 'aborted', message: 'aborted' })));
    });
    const failure = this.failures.shift();
    if (failure) throw failure;
    return this.inner.vote(q, o);
  }
}

const fail = (code: string, status = 500) => new AdapterError({ code, status, message: code });

/** Watches `store` for the test; returns when `ready` holds. */
const watched: (() => void)[] = [];
async function watch(store: PollStore, ready: (s: PollState) => boolean = (s) => s.status === 'ready'): Promise<PollState> {
  watched.push(store.listen(() => {}));
  await waitUntil(() => ready(store.get()), 'store did not get there', { timeout: 3000 });
  return store.get();
}

describe('pollStore', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => watched.splice(0).forEach((stop) => stop()));

  it('is one store per adapter and poll, fetched only once watched', async () => {
    const a = new Recording([poll('p1'), poll('p2')]);
    const store = pollStore(a, 'p1');
    expect(pollStore(a, 'p1')).to.equal(store);
    expect(pollStore(a, 'p2')).not.to.equal(store);
    expect(pollStore(new Recording([poll('p1')]), 'p1')).not.to.equal(store);
    expect(a.gets).to.have.length(0);
    expect(store.get().status).to.equal('loading');
    const s = await watch(store);
    expect(a.gets).to.have.length(1);
    expect(s.poll?.question).to.equal('Did this article help you?');
    expect(s.voted).to.equal(null);
  });

  it('aborts the fetch once nobody watches', async () => {
    const a = new Recording([poll('p1')], 10_000);
    const stop = pollStore(a, 'p1').listen(() => {});
    expect(a.gets).to.have.length(1);
    stop();
    // nanostores unmounts a store one second after its last listener left.
    await waitUntil(() => a.gets[0]!.signal!.aborted, 'fetch not aborted', { timeout: 2500 });
  });

  it('keeps a failure to load as an error, and loads on reload', async () => {
    const a = new Recording([]);
    const store = pollStore(a, 'p1');
    const s = await watch(store, (x) => x.status === 'error');
    expect(s.error?.code).to.equal('not_found');
    a.inner.engine.addPoll(poll('p1'));
    store.reload();
    expect((await watch(store)).poll?.id).to.equal('p1');
  });

  it('turns a broken answer of a custom adapter into bad_response, loading or voting, never a crash', async () => {
    const good = new Recording([poll('p1')]);
    const broken: PollAdapter = {
      getPoll: async () => ({ id: 'p1', question: 'No options' }) as never,
      vote: async () => ({}) as never,
    };
    let s = await watch(pollStore(broken, 'p1'), (x) => x.status !== 'loading');
    expect(s.status).to.equal('error');
    expect(s.error?.code).to.equal('bad_response');
    const half: PollAdapter = { getPoll: (q, o) => good.getPoll(q, o), vote: broken.vote };
    const store = pollStore(half, 'p1');
    await watch(store);
    const e = await store.vote(['yes']).catch((x: unknown) => x);
    expect((e as AdapterError).code).to.equal('bad_response');
    s = store.get();
    expect(s.voteError?.code).to.equal('bad_response');
    expect(s.poll?.options).to.have.length(3);
  });

  it('sends a vote in flight only once', async () => {
    const a = new Recording([poll('p1')]);
    const store = pollStore(a, 'p1');
    await watch(store);
    let release!: () => void;
    a.gate = new Promise((r) => (release = r));
    const first = store.vote(['yes']);
    expect(store.get().voting).to.equal(true);
    expect(await store.vote(['yes'])).to.equal(undefined);
    expect(await store.vote(['no'])).to.equal(undefined);
    release();
    const voted = await first;
    expect(a.votes).to.have.length(1);
    expect(voted?.viewerVote).to.deep.equal(['yes']);
    const s = store.get();
    expect(s).to.include({ voting: false, notice: 'voted' });
    expect(s.voted).to.deep.equal(['yes']);
    expect(s.poll?.options[0]?.votes).to.equal(4);
  });

  it('retries a failed vote with the same idempotency key, and a new choice with a new one', async () => {
    const a = new Recording([poll('p1')]);
    const store = pollStore(a, 'p1');
    await watch(store);
    a.failures.push(fail('server_error'), fail('network'), fail('network'));
    let error = await store.vote(['yes']).catch((e: AdapterError) => e);
    expect((error as AdapterError).code).to.equal('server_error');
    expect(store.get()).to.include({ voting: false, voted: null });
    expect(store.get().voteError?.code).to.equal('server_error');
    error = await store.vote(['yes']).catch((e: AdapterError) => e);
    expect((error as AdapterError).code).to.equal('network');
    const [one, two] = a.votes;
    expect(one!.o.idempotencyKey).to.be.a('string').and.have.length.above(15);
    expect(two!.o.idempotencyKey).to.equal(one!.o.idempotencyKey);
    await store.vote(['no']).catch(() => {});
    expect(a.votes[2]!.o.idempotencyKey).not.to.equal(one!.o.idempotencyKey);
    await store.vote(['no']);
    expect(a.votes[3]!.o.idempotencyKey).to.equal(a.votes[2]!.o.idempotencyKey);
    expect(store.get().voteError).to.equal(null);
    expect(store.get().voted).to.deep.equal(['no']);
  });

  it('counts a retried vote once when the first one reached the server', async () => {
    const a = new Recording([poll('p1')]);
    const store = pollStore(a, 'p1');
    await watch(store);
    // The server counts the vote but the answer is lost on the way back.
    const lost = a.inner.vote.bind(a.inner);
    a.inner.vote = async (q, o) => {
      a.inner.vote = lost;
      await lost(q, o);
      throw fail('network');
    };
    await store.vote(['yes']).catch(() => {});
    const poll2 = await store.vote(['yes']);
    expect(poll2?.options[0]?.votes).to.equal(4);
    expect(store.get().voted).to.deep.equal(['yes']);
  });

  it('shows the results on already_voted, remembering that this browser voted', async () => {
    const a = new Recording([poll('p1', { resultsVisibility: 'after-vote' })]);
    const store = pollStore(a, 'p1');
    await watch(store);
    a.failures.push(fail('already_voted', 409));
    const error = await store.vote(['yes']).catch((e: AdapterError) => e);
    expect((error as AdapterError).code).to.equal('already_voted');
    const s = store.get();
    expect(s).to.include({ notice: 'already-voted', voteError: null });
    expect(s.voted).to.deep.equal([]);
    expect(a.gets).to.have.length(2);
    expect(JSON.parse(localStorage.getItem('experience-widgets:poll:p1')!)).to.deep.equal([]);
  });

  it('switches to closed on poll_closed and fetches the final results', async () => {
    const a = new Recording([poll('p1', { resultsVisibility: 'after-close' })]);
    const store = pollStore(a, 'p1');
    expect((await watch(store)).poll?.totalVotes).to.equal(null);
    a.inner.engine.addPoll(poll('p1', { resultsVisibility: 'after-close', closed: true }));
    a.failures.push(fail('poll_closed', 409));
    await store.vote(['yes']).catch(() => {});
    expect(store.get().poll?.closed).to.equal(true);
    expect(store.get().notice).to.equal('closed');
    await waitUntil(() => store.get().poll?.totalVotes === 4);
    expect(store.get().voteError).to.equal(null);
  });

  it('remembers a vote in this browser for a server that forgets anonymous voters', async () => {
    const a = new Recording([poll('p1')]);
    await watch(pollStore(a, 'p1'));
    await pollStore(a, 'p1').vote(['some']);
    // A reload, against a server that does not know this reader.
    const b = new Recording([poll('p1')]);
    const s = await watch(pollStore(b, 'p1'));
    expect(s.poll?.viewerVote).to.equal(null);
    expect(s.voted).to.deep.equal(['some']);
    // The server's own record wins over the memory.
    const c = new Recording([poll('p1', { viewerVote: ['no'] })]);
    expect((await watch(pollStore(c, 'p1'))).voted).to.deep.equal(['no']);
  });

  it('neither uses nor writes that memory while someone is signed in', async () => {
    localStorage.setItem('experience-widgets:poll:p1', '["yes"]');
    const viewer = { id: 'u1', name: 'Ann' };
    const a = Object.assign(new Recording([poll('p1')]), {
      getSession: () => Promise.resolve({ viewer, allowAnonymous: true, maxLength: 5000 }),
    });
    const store = pollStore(a, 'p1');
    const s = await watch(store, (x) => x.status === 'ready' && sessionStore(a as unknown as CommentsAdapter).get().status === 'ready');
    expect(s.voted, 'another reader\'s vote on this browser').to.equal(null);
    localStorage.clear();
    await store.vote(['no']);
    expect(localStorage.length).to.equal(0);
    expect(store.get().voted).to.deep.equal(['no']);
  });

  it('ignores storage that refuses or holds junk', async () => {
    const { getItem, setItem } = Storage.prototype;
    try {
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
      const a = new Recording([poll('p1')]);
      await watch(pollStore(a, 'p1'));
      expect((await pollStore(a, 'p1').vote(['yes']))?.viewerVote).to.deep.equal(['yes']);
      Storage.prototype.setItem = setItem;
      localStorage.setItem('experience-widgets:poll:p1', '{"not": "a list"');
      expect((await watch(pollStore(new Recording([poll('p1')]), 'p1'))).voted).to.equal(null);
      localStorage.setItem('experience-widgets:poll:p1', '[1, {"id": "yes"}]');
      expect((await watch(pollStore(new Recording([poll('p1')]), 'p1'))).voted).to.equal(null);
      Storage.prototype.getItem = () => {
        throw new DOMException('denied', 'SecurityError');
      };
      expect((await watch(pollStore(new Recording([poll('p1')]), 'p1'))).voted).to.equal(null);
    } finally {
      Object.assign(Storage.prototype, { getItem, setItem });
    }
  });

  it('switches to closed at closesAt and fetches the results', async () => {
    const closesAt = new Date(Date.now() + 400).toISOString();
    const a = new Recording([poll('p1', { closesAt, resultsVisibility: 'after-close' })]);
    const store = pollStore(a, 'p1');
    const s = await watch(store);
    expect(s.poll).to.include({ closed: false, totalVotes: null });
    await waitUntil(() => store.get().poll?.closed, 'not closed', { timeout: 2000 });
    expect(store.get().notice).to.equal('closed');
    await waitUntil(() => store.get().poll?.totalVotes === 4, 'no results', { timeout: 2000 });
    expect(a.gets).to.have.length(2);
  });

  it('aborts a vote in flight once nobody watches', async () => {
    const a = new Recording([poll('p1')]);
    const store = pollStore(a, 'p1');
    await watch(store);
    a.gate = new Promise(() => {});
    const vote = store.vote(['yes']).catch((e: AdapterError) => e);
    watched.splice(0).forEach((stop) => stop());
    await waitUntil(() => a.votes[0]!.o.signal!.aborted, 'vote not aborted', { timeout: 2500 });
    expect(((await vote) as AdapterError).code).to.equal('aborted');
    expect(store.get()).to.include({ voting: false, voteError: null, voted: null });
  });
});
