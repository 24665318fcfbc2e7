import { atom, onMount, type ReadableAtom, type WritableAtom } from 'nanostores';
import { AdapterError } from '../model/errors.js';
import type { CommentsAdapter } from '../model/types.js';
import { storeFor } from './registry.js';

export interface CountState {
  /** Published comments, or `null` until the backend answered. */
  count: number | null;
  error: AdapterError | null;
}

/** The most thread ids one request asks for (the REST contract's limit). */
export const MAX_THREADS = 100;

/**
 * The count of one thread, shared by every element that shows it. Every thread first watched in
 * the same task goes into one batch per adapter, asked in requests of at most 100 threads
 * (`countComments`); an adapter without it is asked for each thread's first page, whose `total`
 * is the count.
 */
export function countStore(adapter: CommentsAdapter, thread: string): ReadableAtom<CountState> {
  return storeFor(adapter, `count ${thread}`, () => {
    const $s = atom<CountState>({ count: null, error: null });
    onMount($s, () => {
      if ($s.get().count === null) batchOf(adapter).add(thread, $s);
    });
    return $s;
  });
}

const batchOf = (adapter: CommentsAdapter) => storeFor(adapter, 'counts', () => new CountBatch(adapter));

class CountBatch {
  private waiting = new Map<string, WritableAtom<CountState>>();

  constructor(private adapter: CommentsAdapter) {}

  add(thread: string, $s: WritableAtom<CountState>): void {
    if (!this.waiting.size) queueMicrotask(() => this.flush());
    this.waiting.set(thread, $s);
  }

  private flush(): void {
    const batch = [...this.waiting];
    this.waiting.clear();
    for (let i = 0; i < batch.length; i += MAX_THREADS) void this.ask(new Map(batch.slice(i, i + MAX_THREADS)));
  }

  private async ask(stores: Map<string, WritableAtom<CountState>>): Promise<void> {
    const threadIds = [...stores.keys()];
    try {
      const counts = this.adapter.countComments
        ? await this.adapter.countComments({ threadIds })
        : Object.fromEntries(await Promise.all(threadIds.map(async (threadId) =>
            [threadId, (await this.adapter.listComments({ threadId, sort: 'newest', limit: 1 })).total] as const)));
      for (const [thread, $s] of stores) {
        const n = Object.hasOwn(counts, thread) ? counts[thread] : undefined;
        $s.set(typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
          ? { count: n, error: null }
          : { count: null, error: new AdapterError({ code: 'bad_response', message: `The server sent no count for the thread ${thread}.` }) });
      }
    } catch (e) {
      const error = AdapterError.from(e);
      for (const $s of stores.values()) $s.set({ count: null, error });
    }
  }
}
