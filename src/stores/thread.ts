import { atom, onStart, onStop, type ReadableAtom } from 'nanostores';
import { AdapterError } from '../model/errors.js';
import type { Author, Comment, CommentsAdapter, NewComment, SortOrder, ThreadEvent } from '../model/types.js';
import { asComment, asCommentPage } from '../model/validate.js';
import { storeFor } from './registry.js';

/** A comment as the thread shows it: `sending` while its post is in flight. */
export type ThreadComment = Comment & { sending?: boolean };

/** One comment with its replies; `count` is how many replies there are below it, at any depth. */
export interface ThreadNode {
  comment: ThreadComment;
  replies: ThreadNode[];
  count: number;
}

export interface ThreadState {
  /** Of the first page: `loading` until it arrived, `error` when it could not be loaded. */
  status: 'loading' | 'ready' | 'error';
  /** Of the next page ("load more"). */
  more: 'idle' | 'loading' | 'error';
  /** What went wrong with the last load, first page or next. */
  error: AdapterError | null;
  sort: SortOrder;
  limit: number;
  /** Every comment loaded, flat, in the order shown. */
  comments: ThreadComment[];
  /** The tree built from `comments`, once per change; deleted comments without replies are left out. */
  roots: ThreadNode[];
  byId: Map<string, ThreadNode>;
  /** Every visible comment in the thread, as the server counts them, kept up to date locally. */
  total: number;
  /** The cursor of the next page of roots, or null at the end. */
  cursor: string | null;
  /** New root comments from others, not shown until the reader asks (so that nothing jumps). */
  fresh: Comment[];
}

export interface ThreadStore extends ReadableAtom<ThreadState> {
  /** Sets the order and page size; a change reloads from the first page. */
  query(sort: SortOrder, limit: number): void;
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
  /** Toggles the reader's like at once, and undoes it if the server refuses. */
  like(id: string): Promise<Comment>;
  report(id: string, reason: string): Promise<void>;
}

/** The tree of `comments`: any depth; replies in the order given; orphans and cycles left out. */
export function buildTree(comments: ThreadComment[]): Pick<ThreadState, 'roots' | 'byId'> {
  const byId = new Map<string, ThreadNode>();
  for (const c of comments) byId.set(c.id, { comment: c, replies: [], count: 0 });
  const roots: ThreadNode[] = [];
  for (const n of byId.values()) {
    const p = n.comment.parentId;
    (p === null ? roots : byId.get(p)?.replies)?.push(n);
  }
  const prune = (nodes: ThreadNode[]): ThreadNode[] =>
    nodes.filter((n) => {
      n.replies = prune(n.replies);
      n.count = n.replies.reduce((sum, r) => sum + 1 + r.count, 0);
      return n.comment.status !== 'deleted' || n.count > 0;
    });
  return { roots: prune(roots), byId };
}

/** What is left of a comment once deleted: a placeholder that keeps its place for its replies. */
const TOMBSTONE: Partial<Comment> = {
  status: 'deleted',
  body: '',
  author: { id: '', name: '' },
  likes: 0,
  viewerLiked: false,
  viewerCanEdit: false,
};

/**
 * The comments of one thread, shared by every element that shows it (one store per adapter and
 * thread; the order and page size are part of its state). The first page is fetched when the store
 * is first watched; when the last watcher leaves, the loads in flight are aborted and live updates
 * stop. Watching it again does not refetch what it holds.
 */
export function threadStore(adapter: CommentsAdapter, threadId: string): ThreadStore {
  return storeFor(adapter, `thread:${threadId}`, () => {
    const $s = atom<ThreadState>({
      status: 'loading', more: 'idle', error: null, sort: 'newest', limit: 20,
      comments: [], total: 0, cursor: null, fresh: [], ...buildTree([]),
    });
    // `$s.value`, not `$s.get()`: reading an unwatched store through `get()` would start it.
    const now = () => $s.value!;
    /** Changes the state; a new list of comments comes with its tree. */
    const set = (patch: Partial<ThreadState>) => $s.set({ ...now(), ...patch, ...(patch.comments && buildTree(patch.comments)) });
    /** Lays `change` (the server's version of the comment, or some fields) over the comment `id`, and `patch` over the state. */
    const map = (id: string, change: Partial<Comment>, patch?: Partial<ThreadState>) =>
      set({ ...patch, comments: now().comments.map((c) => (c.id === id ? { ...c, ...change } : c)) });
    const without = (id: string) => now().comments.filter((c) => c.id !== id);
    /** Whether the comment `id` is already here, shown or waiting in `fresh`. */
    const holds = (id: string) => now().byId.has(id) || now().fresh.some((f) => f.id === id);
    /** Replaces a comment by its placeholder, once, however many times it is deleted. */
    const bury = (id: string) => {
      const status = now().byId.get(id)?.comment.status;
      if (status && status !== 'deleted') map(id, TOMBSTONE, { total: now().total - +(status === 'published') });
    };

    let reads: AbortController | undefined;
    let unsubscribe: (() => void) | undefined;

    const load = async (more = false) => {
      reads?.abort();
      const { signal } = (reads = new AbortController());
      const { sort, limit, cursor } = now();
      set(more ? { more: 'loading' } : { status: 'loading', error: null });
      try {
        const page = asCommentPage(await adapter.listComments({ threadId, sort, limit, cursor: more ? cursor : null }, { signal }));
        // Dropped when a newer load or the last watcher leaving aborted it.
        if (signal.aborted) return;
        const known = new Set(page.comments.map((x) => x.id));
        // A reload keeps the posts still in flight; a next page keeps everything it does not repeat.
        const kept = now().comments.filter((x) => (more ? !known.has(x.id) : x.sending));
        set({
          status: 'ready', more: 'idle', error: null, total: page.total, cursor: page.nextCursor,
          comments: [...kept, ...page.comments],
          ...(!more && { fresh: [] }),
        });
      } catch (e) {
        const error = AdapterError.from(e);
        if (!signal.aborted) set(more ? { more: 'error', error } : { status: 'error', error });
      }
    };

    const onEvent = ({ type, comment }: ThreadEvent) => {
      const s = now();
      const known = s.byId.get(comment.id)?.comment;
      // Someone else's comment, whatever flags the broadcast carries.
      const c = { ...comment, viewerLiked: false, viewerCanEdit: false };
      if (type !== 'comment-created' && s.fresh.some((f) => f.id === c.id)) {
        // A new root not shown yet: it shows as it is now, or not at all once deleted.
        set(type === 'comment-deleted'
          ? { fresh: s.fresh.filter((f) => f.id !== c.id), total: s.total - 1 }
          : { fresh: s.fresh.map((f) => (f.id === c.id ? c : f)) });
      } else if (type === 'comment-created') {
        if (holds(c.id) || c.status !== 'published') return;
        // A root waits in `fresh`; a reply shows at once under a parent that is loaded.
        set({
          total: s.total + 1,
          ...(c.parentId === null ? { fresh: [...s.fresh, c] } : s.byId.has(c.parentId) && { comments: [...s.comments, c] }),
        });
      } else if (known && type === 'comment-updated') {
        // Events go to every reader: the reader's own flags stay as they were.
        map(comment.id, { ...comment, viewerLiked: known.viewerLiked, viewerCanEdit: known.viewerCanEdit });
      } else bury(comment.id);
    };

    onStart($s, () => {
      // What it holds stays, unless it is not a loaded first page of the current query.
      if (now().status !== 'ready') void load();
      unsubscribe = adapter.subscribe?.(threadId, onEvent);
    });
    onStop($s, () => {
      reads?.abort();
      unsubscribe?.();
    });

    /** Runs an adapter call; a rejection is always an AdapterError. */
    const call = async <T>(p: () => Promise<T>): Promise<T> => {
      try {
        return await p();
      } catch (e) {
        throw AdapterError.from(e);
      }
    };
    /** The latest like toggle of each comment: only its answer or failure changes the comment. */
    const turns = new Map<string, object>();

    const store: ThreadStore = Object.assign($s, {
      query(sort: SortOrder, limit: number) {
        const s = now();
        if (s.sort === sort && s.limit === limit) return;
        // Loaded now while watched, else when next watched.
        set({ sort, limit, status: 'loading' });
        if ($s.lc) void load();
      },
      reload: () => void load(),
      loadMore: () => void load(true),
      showFresh() {
        const { fresh, comments, sort } = now();
        set({ fresh: [], comments: sort === 'oldest' ? [...comments, ...fresh] : [...fresh.toReversed(), ...comments] });
      },
      async post(c: Omit<NewComment, 'threadId'>, author: Author, key: string) {
        const temp: ThreadComment = {
          ...c, id: `sending:${key}`, threadId, author, createdAt: new Date().toISOString(),
          status: 'published', likes: 0, sending: true,
        };
        const rest = without(temp.id);
        set({ comments: c.parentId || now().sort === 'oldest' ? [...rest, temp] : [temp, ...rest] });
        try {
          const made = asComment(await call(() => adapter.createComment({ ...c, threadId }, { idempotencyKey: key })));
          const counted = holds(made.id);
          const s = now();
          set({
            comments: without(made.id).map((x) => (x.id === temp.id ? made : x)),
            fresh: s.fresh.filter((f) => f.id !== made.id),
            total: s.total + (counted || made.status !== 'published' ? 0 : 1),
          });
          return made;
        } catch (e) {
          set({ comments: without(temp.id) });
          throw e;
        }
      },
      async edit(id: string, body: string) {
        const made = asComment(await call(() => adapter.updateComment!({ id, body })));
        map(id, made);
        return made;
      },
      async remove(id: string) {
        await call(() => adapter.deleteComment!({ id }));
        bury(id);
      },
      async like(id: string) {
        const { viewerLiked, likes } = now().byId.get(id)!.comment;
        const active = !viewerLiked;
        const turn = {};
        turns.set(id, turn);
        map(id, { viewerLiked: active, likes: Math.max(0, likes + (active ? 1 : -1)) });
        try {
          const made = asComment(await call(() => adapter.react!({ id, reaction: 'like', active })));
          if (turns.get(id) === turn) map(id, made);
          return made;
        } catch (e) {
          if (turns.get(id) === turn) map(id, { viewerLiked, likes });
          throw e;
        }
      },
      report: (id: string, reason: string) => call(() => adapter.report!({ id, reason })),
    });
    return store;
  });
}
