import { atom, onMount, type ReadableAtom } from 'nanostores';
import { AdapterError } from '../model/errors.js';
import type { CommentsAdapter, Session } from '../model/types.js';
import { storeFor } from './registry.js';

export interface SessionState {
  /** `loading` until the adapter answered; adapters without `getSession` are `ready` at once. */
  status: 'loading' | 'ready' | 'error';
  session: Session;
  error: AdapterError | null;
}

/** What a backend without `getSession` gets: anonymous posting with a name, 5,000 characters. */
export const DEFAULT_SESSION: Session = { viewer: null, allowAnonymous: true, maxLength: 5000 };

/**
 * The session of one adapter, shared by every widget that uses it. Fetched when first watched;
 * a failed fetch keeps the default session so that reading still works, and is tried again when
 * the store is next watched.
 */
export function sessionStore(adapter: CommentsAdapter): ReadableAtom<SessionState> {
  return storeFor(adapter, 'session', () => {
    const $s = atom<SessionState>({ status: adapter.getSession ? 'loading' : 'ready', session: DEFAULT_SESSION, error: null });
    onMount($s, () => {
      // Ready from the start without `getSession`, or once fetched.
      if ($s.get().status === 'ready') return;
      const controller = new AbortController();
      const { signal } = controller;
      $s.set({ ...$s.get(), status: 'loading' });
      // The answer to a fetch aborted since (the last watcher left) is dropped.
      adapter.getSession!({ signal }).then(
        (session) => signal.aborted || $s.set({ status: 'ready', session, error: null }),
        (e: unknown) => signal.aborted || $s.set({ ...$s.get(), status: 'error', error: AdapterError.from(e) }),
      );
      return () => controller.abort();
    });
    return $s;
  });
}
