import { atom, onMount, type ReadableAtom } from 'nanostores';
import { newIdempotencyKey } from '../adapters/rest.js';
import { AdapterError } from '../model/errors.js';
import type { CommentsAdapter, Poll, PollAdapter } from '../model/types.js';
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
   * `poll_closed` have then already switched the state to the results. A retry of the same choice
   * after a failure reuses the idempotency key, so that a vote that did reach the server counts once.
   */
  vote(optionIds: string[]): Promise<Poll | undefined>;
}

const memoryKey = (pollId: string) => `experience-widgets:poll:${pollId}`;

/** This browser's memory of a vote (for anonymous voters whom the server does not recognise). */
function remembered(pollId: string): string[] | null {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(memoryKey(pollId)) ?? 'null');
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

function remember(pollId: string, optionIds: string[]): void {
  try {
    localStorage.setItem(memoryKey(pollId), JSON.stringify(optionIds));
  } catch {
    // Storage may be full, disabled or denied: the server's `viewerVote` still holds.
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
    /** The server refused a vote as already cast: they voted, whatever the server shows. */
    let refused = false;
    const votedIn = (poll: Poll) => poll.viewerVote ?? (anonymous() ? remembered(pollId) : null) ?? (refused ? [] : null);
    const $s = atom<PollState>({
      status: 'loading', poll: null, error: null, voted: null, voting: false, voteError: null, notice: null,
    });
    const patch = (p: Partial<PollState>) => $s.set({ ...$s.get(), ...p });
    let loader: AbortController | undefined;
    let voter: AbortController | undefined;
    let closer: ReturnType<typeof setTimeout> | undefined;
    /** The key of the last vote that failed, and the choice it was for. */
    let pending: { choice: string; key: string } | undefined;

    const show = (poll: Poll, p: Partial<PollState> = {}) => {
      patch({ status: 'ready', poll, error: null, voted: votedIn(poll), ...p });
      clearTimeout(closer);
      const wait = poll.closed || !poll.closesAt ? NaN : Date.parse(poll.closesAt) - Date.now();
      if (wait > 0 && wait <= MAX_DELAY) closer = setTimeout(close, wait);
    };

    /** The poll is closed now (its time is up, or the server said so): show it so, then ask for the results. */
    const close = () => {
      const poll = $s.get().poll;
      if (poll) patch({ poll: { ...poll, closed: true }, notice: 'closed' });
      load();
    };

    const load = () => {
      loader?.abort();
      const c = (loader = new AbortController());
      if (!$s.get().poll) patch({ status: 'loading', error: null });
      adapter.getPoll({ pollId }, { signal: c.signal }).then(
        (poll) => c === loader && show(poll),
        (e: unknown) => {
          const error = AdapterError.from(e);
          if (c === loader && error.code !== 'aborted') patch({ error, status: $s.get().poll ? 'ready' : 'error' });
        },
      );
    };

    const vote = async (optionIds: string[]): Promise<Poll | undefined> => {
      if ($s.get().voting || !$s.get().poll) return undefined;
      const choice = JSON.stringify([...optionIds].sort());
      if (pending?.choice !== choice) pending = { choice, key: newIdempotencyKey() };
      const c = (voter = new AbortController());
      patch({ voting: true, voteError: null, notice: null });
      try {
        const poll = await adapter.vote({ pollId, optionIds }, { signal: c.signal, idempotencyKey: pending.key });
        pending = undefined;
        loader?.abort(); // an answer to a fetch sent before the vote would be older than this one
        if (anonymous()) remember(pollId, poll.viewerVote ?? optionIds);
        show(poll, { voting: false, notice: 'voted' });
        return poll;
      } catch (e) {
        const error = AdapterError.from(e);
        patch({ voting: false });
        if (error.code === 'already_voted') {
          pending = undefined;
          refused = true;
          if (anonymous() && !remembered(pollId)) remember(pollId, []);
          patch({ voted: votedIn($s.get().poll!), notice: 'already-voted' });
          load();
        } else if (error.code === 'poll_closed') {
          pending = undefined;
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
