import { abortedError } from './model/errors.js';

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
