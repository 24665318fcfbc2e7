import { atom, onMount, type ReadableAtom } from 'nanostores';
import { AdapterError } from '../model/errors.js';
import type { CommentsAdapter, Poll, PollAdapter } from '../model/types.js';
import { asPoll } from '../model/validate.js';
import { newIdempotencyKey, withDeadline } from '../util.js';
import { storeFor } from './registry.js';
import { sessionStore } from './session.js';

/** What happened last that a reader should hear about. */
export type PollNotice = 'voted' | 'already-voted' | 'closed';

export interface PollState {
  /** `loading` until the first answer; a refresh keeps `ready` and the poll on screen. */
  status: 'loading' | 'ready' | 'error';
  poll: Poll | null;
  /** The last failure to load (kept beside a poll when only a refresh failed). */
  error: AdapterError | null;
  /**
   * The options this reader voted for: the server's `viewerVote`, else what this browser remembers
   * of an anonymous vote; `[]` when they voted but the choice is unknown; `null` when they have not.
   */
  voted: string[] | null;
  /** A vote is in flight; another is not sent until it is answered. */
  voting: boolean;
  /** Why the last vote failed, other than `already_voted` and `poll_closed`; the choice stays. */
  voteError: AdapterError | null;
  notice: PollNotice | null;
}

export interface PollStore extends ReadableAtom<PollState> {
  /** Fetches the poll again (after a failure, or to refresh it). */
  reload(): void;
  /**
   * Sends a vote. Resolves with the new poll, or undefined when nothing was sent (a vote is in
   * flight, or there is no poll yet). Rejects with the AdapterError; `already_voted` and
   * `poll_closed` have then already switched the state to the results. Every vote for the same
   * choice carries the same idempotency key, so that a retried vote that did reach the server counts once.
   */
  vote(optionIds: string[]): Promise<Poll | undefined>;
}

/**
 * This browser's memory of a vote (for anonymous voters whom the server does not recognise); with
 * `optionIds`, remembers them first. Storage may be full, disabled, denied or hold junk: then this
 * is null, and the server's `viewerVote` still holds.
 */
function memory(pollId: string, optionIds?: string[]): string[] | null {
  const key = `experience-widgets:poll:${pollId}`;
  try {
    if (optionIds) localStorage.setItem(key, JSON.stringify(optionIds));
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

/** The longest delay `setTimeout` takes; a poll closing later is caught by a later refresh. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * The poll `pollId` of `adapter`, shared by every element that shows it. Fetched when first watched,
 * aborted when no longer watched; at `closesAt` it switches to closed and fetches the final results.
 *
 * This browser's memory of a vote stands in for the server's `viewerVote` only while nobody is
 * signed in (by the adapter's session, when it has one), so that one person's vote is never shown
 * as another's on a shared browser.
 */
export function pollStore(adapter: PollAdapter, pollId: string): PollStore {
  return storeFor(adapter, `poll:${pollId}`, () => {
    const session = 'getSession' in adapter ? sessionStore(adapter as PollAdapter & CommentsAdapter) : undefined;
    const anonymous = () => !session?.get().session.viewer;
    /** `[]` once the server refused a vote as already cast: they voted, whatever the server shows. */
    let refused: string[] | null = null;
    const votedIn = (poll: Poll) => poll.viewerVote ?? (anonymous() ? memory(pollId) : null) ?? refused;
    const $s = atom<PollState>({
      status: 'loading', poll: null, error: null, voted: null, voting: false, voteError: null, notice: null,
    });
    const patch = (p: Partial<PollState>) => $s.set({ ...$s.get(), ...p });
    let loader: AbortController | undefined;
    let voter: AbortController | undefined;
    let closer: ReturnType<typeof setTimeout> | undefined;
    /** The idempotency key of each choice sent (its sorted ids as JSON). */
    const keys: Record<string, string> = {};

    const show = (poll: Poll, p: Partial<PollState> = {}) => {
      patch({ status: 'ready', poll, error: null, voted: votedIn(poll), ...p });
      clearTimeout(closer);
      // NaN without a closing time.
      const wait = poll.closed ? 0 : Date.parse(poll.closesAt ?? '') - Date.now();
      if (wait > 0 && wait <= MAX_DELAY) closer = setTimeout(close, wait);
    };

    /** The poll is closed now (its time is up, or the server said so): show it so, then ask for the results. */
    const close = () => {
      const poll = $s.get().poll;
      if (poll) patch({ poll: { ...poll, closed: true }, notice: 'closed' });
      load();
    };

    /** Fetches the poll; the answer to a fetch aborted since (by a newer one, a vote, or the last watcher leaving) is dropped. */
    const load = () => {
      loader?.abort();
      const { signal } = (loader = new AbortController());
      if (!$s.get().poll) patch({ status: 'loading', error: null });
      // A custom adapter's answer is checked as the REST adapter checks the server's.
      withDeadline((bounded) => adapter.getPoll({ pollId }, { signal: bounded }), signal).then(asPoll).then(
        (poll) => signal.aborted || show(poll),
        (e: unknown) => signal.aborted || patch({ error: AdapterError.from(e), status: $s.get().poll ? 'ready' : 'error' }),
      );
    };

    const vote = async (optionIds: string[]): Promise<Poll | undefined> => {
      if ($s.get().voting || !$s.get().poll) return undefined;
      const choice = JSON.stringify([...optionIds].sort());
      const { signal } = (voter = new AbortController());
      patch({ voting: true, voteError: null, notice: null });
      try {
        const idempotencyKey = (keys[choice] ??= newIdempotencyKey());
        const poll = asPoll(await withDeadline((bounded) => adapter.vote({ pollId, optionIds }, { signal: bounded, idempotencyKey }), signal));
        loader?.abort(); // an answer to a fetch sent before the vote would be older than this one
        if (anonymous()) memory(pollId, poll.viewerVote ?? optionIds);
        show(poll, { voting: false, notice: 'voted' });
        return poll;
      } catch (e) {
        const error = AdapterError.from(e);
        patch({ voting: false });
        if (error.code === 'already_voted') {
          refused = [];
          if (anonymous() && !memory(pollId)) memory(pollId, []);
          patch({ voted: votedIn($s.get().poll!), notice: 'already-voted' });
          load();
        } else if (error.code === 'poll_closed') {
          close();
        } else if (error.code !== 'aborted') {
          patch({ voteError: error });
        }
        throw error;
      }
    };

    onMount($s, () => {
      load();
      // Signing in or out changes whose vote this browser may show.
      const stop = session?.listen(() => $s.get().poll && patch({ voted: votedIn($s.get().poll!) }));
      return () => {
        stop?.();
        loader?.abort();
        voter?.abort();
        clearTimeout(closer);
      };
    });
    return Object.assign($s, { reload: load, vote });
  });
}
