import { abortedError, AdapterError } from './model/errors.js';

/**
 * Small helpers that several layers use (the adapters, the stores, the elements). A leaf: it
 * imports only the model's errors, so that nothing has to reach into an adapter for them.
 */

/** Length in code points, as `maxLength` counts. */
export const codePoints = (s: string): number => [...s].length;

/** An idempotency key; `crypto.randomUUID` exists only in secure contexts, this works in all. */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Waits `ms`, or rejects with code `aborted` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(abortedError(signal!.reason));
    };
    const timer = setTimeout(resolve, ms);
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * The longest any adapter call is waited for, in milliseconds: a custom adapter that never
 * answers gets the reader a message too (the `RestAdapter` bounds its own calls the same way).
 */
export const CALL_TIMEOUT = 10_000;

/**
 * Runs an adapter call with a signal that aborts when `signal` does, or after `ms`: by then a call
 * that has not settled rejects with code `timeout`, whether or not the adapter honours its signal.
 */
export function withDeadline<T>(call: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal, ms = CALL_TIMEOUT): Promise<T> {
  const controller = new AbortController();
  const follow = () => controller.abort(signal!.reason);
  if (signal?.aborted) follow();
  signal?.addEventListener('abort', follow, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AdapterError({ code: 'timeout', message: 'The server took too long to answer.' });
      controller.abort(error);
      reject(error);
    }, ms);
  });
  return Promise.race([call(controller.signal), late]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', follow);
  });
}
