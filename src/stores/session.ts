import { atom, onMount, type ReadableAtom } from 'nanostores';
import { AdapterError } from '../model/errors.js';
import type { CommentsAdapter, Session } from '../model/types.js';
import { withDeadline } from '../util.js';
import { storeFor } from './registry.js';

export interface SessionState {
  /** `loading` until the adapter answered; adapters without `getSession` are `ready` at once. */
  status: 'loading' | 'ready' | 'error';
  session: Session;
  error: AdapterError | null;
}

/** The session of one adapter, and a way to ask for it again after it failed. */
export interface SessionStore extends ReadableAtom<SessionState> {
  /** Fetches the session again (after a failure: the reader's "Try again"). */
  reload(): void;
}

/** What a backend without `getSession` gets: anonymous posting with a name, 5,000 characters. */
export const DEFAULT_SESSION: Session = { viewer: null, allowAnonymous: true, maxLength: 5000 };

/**
 * The session of one adapter, shared by every widget that uses it. Fetched when first watched. A
 * failed fetch is an `error`, never the default session: a signed-in reader must not be asked for a
 * name as if anonymous. The widgets then say so with a retry, which `reload()` does; the fetch is
 * also tried again when the store is next watched.
 */
export function sessionStore(adapter: CommentsAdapter): SessionStore {
  return storeFor(adapter, 'session', () => {
    const $s = atom<SessionState>({ status: adapter.getSession ? 'loading' : 'ready', session: DEFAULT_SESSION, error: null });
    let controller: AbortController | undefined;
    const fetchSession = () => {
      controller?.abort();
      const current = (controller = new AbortController());
      const { signal } = current;
      $s.set({ ...$s.get(), status: 'loading', error: null });
      // The answer to a fetch aborted since (the last watcher left, or a reload) is dropped.
      withDeadline((bounded) => adapter.getSession!({ signal: bounded }), signal).then(
        (session) => signal.aborted || $s.set({ status: 'ready', session, error: null }),
        (e: unknown) => signal.aborted || $s.set({ ...$s.get(), status: 'error', error: AdapterError.from(e) }),
      ).finally(() => controller === current && current.abort());
    };
    onMount($s, () => {
      // Ready from the start without `getSession`, or once fetched.
      if ($s.get().status !== 'ready') fetchSession();
      return () => controller?.abort();
    });
    return Object.assign($s, { reload: () => adapter.getSession && fetchSession() });
  });
}
