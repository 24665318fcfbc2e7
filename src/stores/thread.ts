import { atom, onStart, onStop, type ReadableAtom } from 'nanostores';
import { AdapterError } from '../model/errors.js';
import type { Author, Comment, CommentsAdapter, ModerationAction, NewComment, SortOrder, ThreadEvent } from '../model/types.js';
import { asComment, asCommentPage } from '../model/validate.js';
import { withDeadline } from '../util.js';
import { forget, storeFor } from './registry.js';
import {
  acceptPost, addSending, applyEvents, applyModeration, applyPage, buildTree, bury, countOf, dropComment, initialData, patchComment,
  patched, showFresh, toggleLike, updateTree, type Changes, type LiveEvent, type ThreadComment, type ThreadData, type ThreadState, type ThreadTree,
} from './thread-state.js';

export type { ThreadComment, ThreadNode, ThreadState } from './thread-state.js';
export { revealed } from './thread-state.js';

/** Which view of a thread: the order of its roots and how many a page has. */
export interface ThreadQuery {
  sort: SortOrder;
  limit: number;
}

export interface ThreadStore extends ReadableAtom<ThreadState> {
  /** Loads the first page again (after an error, for instance). */
  reload(): void;
  /** Loads the next page of roots. */
  loadMore(): void;
  /** Shows the new comments that `fresh` holds. */
  showFresh(): void;
  /**
   * Posts a comment: it shows at once, marked `sending`, as written by `author`; on success it is
   * replaced by the server's version, on failure it is removed and the promise rejects with an
   * `AdapterError`. `key` is the `Idempotency-Key`: pass the same one to retry the same post.
   */
  post(c: Omit<NewComment, 'threadId'>, author: Author, key: string): Promise<Comment>;
  edit(id: string, body: string): Promise<Comment>;
  remove(id: string): Promise<void>;
  /**
   * Toggles the reader's like at once. One request per comment is in flight at a time: clicks
   * while it is flip what the reader wants, which is sent once it is answered, so that the button
   * ends as the server's last answer says however fast the clicks and in whatever order answers
   * come. A refusal puts back the server's last known state.
   */
  like(id: string): Promise<Comment>;
  report(id: string, reason: string): Promise<void>;
  /** A moderator's decision, shown once the server made it. */
  moderate(id: string, action: ModerationAction): Promise<Comment>;
}

/** The most live events applied in one frame (a frame's work grows with them: what they add is drawn in it). */
export const BATCH = 200;

/**
 * The most new comments a second that are drawn as they come: more is a flood, which no reader
 * follows and which would make the page ever longer and slower (each one drawn costs about a
 * millisecond of layout): the rest of that second's wait behind "Show N new comments".
 */
export const FLOOD = 100;

/** How long a store nobody watches keeps what it loaded before it is forgotten. */
export const RELEASE_MS = 1000;

/** Runs an adapter call; a rejection is always an AdapterError. */
async function call<T>(p: () => Promise<T>): Promise<T> {
  try {
    return await withDeadline(p);
  } catch (e) {
    throw AdapterError.from(e);
  }
}

/**
 * One view of the comments of a thread: the thread in one order and page size, shared by every
 * element that shows it (one store per adapter, thread and query, so that two views of one thread
 * never fight over its order). The first page is fetched when the store is first watched; when
 * the last watcher leaves, the loads in flight are aborted and live updates stop. Watching it
 * again within `RELEASE_MS` does not refetch what it holds; after that the store is forgotten, so
 * that a thread no element shows any more is garbage (a later watcher gets a new store).
 *
 * Live events are applied in batches, one per animation frame, to the tree incrementally: the
 * nodes that did not change stay the same objects.
 */
export function threadStore(adapter: CommentsAdapter, threadId: string, { sort, limit }: ThreadQuery = { sort: 'newest', limit: 20 }): ThreadStore {
  const key = JSON.stringify(['thread', threadId, sort, limit]);
  return storeFor(adapter, key, () => {
    let data = initialData(sort, limit);
    let tree: ThreadTree = buildTree([]);
    const $s = atom<ThreadState>({ ...data, ...tree });
    /**
     * Shows `next`; the tree is derived from its comments: updated for the `changes` that made
     * them when they are known, built again when they are not, kept when they did not change.
     */
    const commit = (next: ThreadData, changes?: Changes) => {
      if (next === data) return;
      if (next.comments !== data.comments) tree = changes ? updateTree(tree, next.comments, changes) : buildTree(next.comments, tree);
      data = next;
      $s.set({ ...data, ...tree, total: countOf(data, tree) });
    };

    let reads: AbortController | undefined;
    let unsubscribe: (() => void) | undefined;
    let release: ReturnType<typeof setTimeout> | undefined;

    /**
     * The live events not applied yet, applied at the next frame (or within 200 ms in a hidden
     * tab, which has none), at most `BATCH` a frame: a flood is drawn over as many frames as it
     * takes, none of them long, instead of in ever longer ones.
     */
    let queue: LiveEvent[] = [];
    let frame = 0;
    let late: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      frame = requestAnimationFrame(() => flush());
      late = setTimeout(() => flush(), 200);
    };
    const flush = (all = false) => {
      cancelAnimationFrame(frame);
      clearTimeout(late);
      frame = 0;
      const batch = all ? queue : queue.slice(0, BATCH);
      queue = all ? [] : queue.slice(BATCH);
      const changes: Changes = { patched: new Set(), added: [] };
      commit(applyEvents(data, batch, changes), changes);
      if (queue.length) schedule();
    };
    /** How many new comments came in the second that began at `second`. */
    let second = 0;
    let made = 0;
    /** Counts one more new comment: whether it is over `FLOOD` in its second. */
    const flooded = () => {
      const now = performance.now();
      if (now - second >= 1000) [second, made] = [now, 0];
      return ++made > FLOOD;
    };
    const receive = (e: ThreadEvent) => {
      queue.push(e.type === 'comment-created' && flooded() ? { ...e, hold: true } : e);
      if (!frame) schedule();
    };

    const load = async (more = false) => {
      reads?.abort();
      const { signal } = (reads = new AbortController());
      commit(more ? { ...data, more: 'loading' } : { ...data, status: 'loading', error: null });
      try {
        const query = { threadId, sort, limit, cursor: more ? data.cursor : null };
        const page = asCommentPage(await withDeadline((bounded) => adapter.listComments(query, { signal: bounded }), signal));
        // Dropped when a newer load or the last watcher leaving aborted it.
        if (!signal.aborted) commit(applyPage(data, page, more));
      } catch (e) {
        const error = AdapterError.from(e);
        if (!signal.aborted) commit(more ? { ...data, more: 'error', error } : { ...data, status: 'error', error });
      } finally {
        if (reads?.signal === signal) reads = undefined;
      }
    };

    onStart($s, () => {
      clearTimeout(release);
      // What it holds stays, unless it is not a loaded first page.
      if (data.status !== 'ready') void load();
      unsubscribe = adapter.subscribe?.(threadId, receive);
    });
    onStop($s, () => {
      // Nothing kept that holds the element that stopped watching: the aborted controller's
      // reason (its stack holds the caller), the stream's listener, the queued events.
      reads?.abort();
      reads = undefined;
      // A next page cut off is offered again to whoever watches next (a first page is loaded again).
      if (data.more === 'loading') commit({ ...data, more: 'idle' });
      unsubscribe?.();
      unsubscribe = undefined;
      if (frame) flush(true);
      release = setTimeout(() => forget(adapter, key, $s), RELEASE_MS);
    });

    /** The likes in flight: what the reader wants now, and the last state the server confirmed. */
    const liking = new Map<string, { want: boolean; confirmed: Partial<Comment>; done: Promise<Comment> }>();

    return Object.assign($s, {
      reload: () => void load(),
      loadMore: () => void load(true),
      showFresh: () => commit(showFresh(data)),
      async post(c: Omit<NewComment, 'threadId'>, author: Author, key: string) {
        const temp: ThreadComment = {
          ...c, id: `sending:${key}`, threadId, author, createdAt: new Date().toISOString(),
          status: 'published', likes: 0, sending: true,
        };
        commit(addSending(data, temp));
        try {
          const made = asComment(await call(() => adapter.createComment({ ...c, threadId }, { idempotencyKey: key })));
          commit(acceptPost(data, temp.id, made));
          return made;
        } catch (e) {
          commit(dropComment(data, temp.id));
          throw e;
        }
      },
      async edit(id: string, body: string) {
        const made = asComment(await call(() => adapter.updateComment!({ id, body })));
        commit(patchComment(data, id, made), patched(id));
        return made;
      },
      async remove(id: string) {
        await call(() => adapter.deleteComment!({ id }));
        commit(bury(data, id), patched(id));
      },
      like(id: string) {
        const { next, active, undo } = toggleLike(data, id);
        commit(next, patched(id));
        const running = liking.get(id);
        if (running) {
          running.want = active;
          return running.done;
        }
        const turn = { want: active, confirmed: undo, done: Promise.resolve({} as Comment) };
        liking.set(id, turn);
        turn.done = (async () => {
          try {
            for (;;) {
              const sent = turn.want;
              const made = asComment(await call(() => adapter.react!({ id, reaction: 'like', active: sent })));
              turn.confirmed = { viewerLiked: made.viewerLiked, likes: made.likes };
              if (turn.want === sent) {
                commit(patchComment(data, id, made), patched(id));
                return made;
              }
            }
          } catch (e) {
            commit(patchComment(data, id, turn.confirmed), patched(id));
            throw e;
          } finally {
            liking.delete(id);
          }
        })();
        return turn.done;
      },
      report: (id: string, reason: string) => call(() => adapter.report!({ id, reason })),
      async moderate(id: string, action: ModerationAction) {
        const made = asComment(await call(() => adapter.moderate!({ id, action })));
        commit(applyModeration(data, action, made));
        return made;
      },
    });
  });
}
