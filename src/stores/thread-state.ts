import type { AdapterError } from '../model/errors.js';
import type { Comment, CommentPage, ModerationAction, SortOrder, ThreadEvent } from '../model/types.js';

/**
 * The state of one view of a thread and the pure functions that change it: each takes a state
 * and returns the next one (or the same object when nothing changed). The store in `thread.ts`
 * makes the requests and calls these with what came back; they can be tested without it.
 */

/** A comment as the thread shows it: `sending` while its post is in flight. */
export type ThreadComment = Comment & { sending?: boolean };

/** One comment with its replies; `count` is how many replies there are below it, at any depth. */
export interface ThreadNode {
  comment: ThreadComment;
  replies: ThreadNode[];
  count: number;
}

/** What the thread store holds; the tree (`ThreadTree`) is derived from `comments`. */
export interface ThreadData {
  /** Of the first page: `loading` until it arrived, `error` when it could not be loaded. */
  status: 'loading' | 'ready' | 'error';
  /** Of the next page ("load more"). */
  more: 'idle' | 'loading' | 'error';
  /** What went wrong with the last load, first page or next. */
  error: AdapterError | null;
  /** The query of this view: the order of roots and how many a page has. */
  sort: SortOrder;
  limit: number;
  /** Every comment loaded, flat, in the order shown. */
  comments: ThreadComment[];
  /** Every visible comment in the thread, as the server counts them, kept up to date locally. */
  total: number;
  /** The cursor of the next page of roots, or null at the end. */
  cursor: string | null;
  /** New root comments from others, not shown until the reader asks (so that nothing jumps). */
  fresh: Comment[];
}

export interface ThreadTree {
  /** The roots of `comments`; deleted comments without replies are left out. */
  roots: ThreadNode[];
  byId: Map<string, ThreadNode>;
}

export type ThreadState = ThreadData & ThreadTree;

/** The state before the first page of `sort` and `limit`. */
export const initialData = (sort: SortOrder, limit: number): ThreadData => ({
  status: 'loading', more: 'idle', error: null, sort, limit, comments: [], total: 0, cursor: null, fresh: [],
});

/** The tree of `comments`: any depth; replies in the order given; orphans and cycles left out. */
export function buildTree(comments: ThreadComment[]): ThreadTree {
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

const find = (d: ThreadData, id: string) => d.comments.find((c) => c.id === id);
const without = (comments: ThreadComment[], id: string) => comments.filter((c) => c.id !== id);

/** Whether the comment `id` is already here, shown or waiting in `fresh`. */
const holds = (d: ThreadData, id: string) => !!find(d, id) || d.fresh.some((f) => f.id === id);

/** Lays `change` (the server's version of the comment, or some of its fields) over the comment `id`. */
export const patchComment = (d: ThreadData, id: string, change: Partial<Comment>): ThreadData => ({
  ...d,
  comments: d.comments.map((c) => (c.id === id ? { ...c, ...change } : c)),
});

/** Replaces a comment by its placeholder, once, however many times it is deleted. */
export function bury(d: ThreadData, id: string): ThreadData {
  const status = find(d, id)?.status;
  if (!status || status === 'deleted') return d;
  return { ...patchComment(d, id, TOMBSTONE), total: d.total - +(status === 'published') };
}

/**
 * A page arrived: the first one (`more` false) replaces what was loaded but keeps the posts still
 * in flight; a next one adds what it does not repeat.
 */
export function applyPage(d: ThreadData, page: CommentPage, more: boolean): ThreadData {
  const known = new Set(page.comments.map((x) => x.id));
  const kept = d.comments.filter((x) => (more ? !known.has(x.id) : x.sending));
  return {
    ...d,
    status: 'ready', more: 'idle', error: null, total: page.total, cursor: page.nextCursor,
    comments: [...kept, ...page.comments],
    fresh: more ? d.fresh : [],
  };
}

/** What someone else did, from the live stream. */
export function applyEvent(d: ThreadData, { type, comment }: ThreadEvent): ThreadData {
  // Someone else's comment, whatever flags the broadcast carries.
  const c = { ...comment, viewerLiked: false, viewerCanEdit: false };
  if (type !== 'comment-created' && d.fresh.some((f) => f.id === c.id)) {
    // A new root not shown yet: it shows as it is now, or not at all once deleted.
    return type === 'comment-deleted'
      ? { ...d, fresh: without(d.fresh, c.id), total: d.total - 1 }
      : { ...d, fresh: d.fresh.map((f) => (f.id === c.id ? c : f)) };
  }
  if (type === 'comment-created') {
    // The reader's own held comment, approved: it shows as published, and counts.
    const held = find(d, c.id);
    if (held?.status === 'pending' && c.status === 'published') {
      return { ...patchComment(d, c.id, { ...c, viewerLiked: held.viewerLiked, viewerCanEdit: held.viewerCanEdit }), total: d.total + 1 };
    }
    if (holds(d, c.id) || c.status !== 'published') return d;
    // Counted at once; a root waits in `fresh`, a reply shows at once under a parent that is loaded.
    const counted = { ...d, total: d.total + 1 };
    if (c.parentId === null) return { ...counted, fresh: [...d.fresh, c] };
    return find(d, c.parentId) ? { ...counted, comments: [...d.comments, c] } : counted;
  }
  const known = find(d, comment.id);
  if (!known) return d;
  // Events go to every reader: the reader's own flags stay as they were.
  return type === 'comment-updated'
    ? patchComment(d, comment.id, { ...comment, viewerLiked: known.viewerLiked, viewerCanEdit: known.viewerCanEdit })
    : bury(d, comment.id);
}

/**
 * A moderator's decision, as the server answered it: a rejected comment goes like a deleted one,
 * an approved one counts, a pinned root moves before the others.
 */
export function applyModeration(d: ThreadData, action: ModerationAction, made: Comment): ThreadData {
  if (action === 'reject') return bury(d, made.id);
  const before = find(d, made.id);
  const next = patchComment(d, made.id, made);
  if (action === 'approve') return before?.status === 'pending' ? { ...next, total: d.total + 1 } : next;
  if (action === 'unpin') return next;
  const pinned = (c: ThreadComment) => c.parentId === null && !!c.pinned;
  return { ...next, comments: [...next.comments.filter(pinned), ...next.comments.filter((c) => !pinned(c))] };
}

/** The new comments that `fresh` held, shown where the order puts them. */
export const showFresh = (d: ThreadData): ThreadData => ({
  ...d,
  fresh: [],
  comments: d.sort === 'oldest' ? [...d.comments, ...d.fresh] : [...d.fresh.toReversed(), ...d.comments],
});

/** An optimistic post: `temp` shows at once where the order puts it (a reply goes under its parent). */
export function addSending(d: ThreadData, temp: ThreadComment): ThreadData {
  const rest = without(d.comments, temp.id);
  return { ...d, comments: temp.parentId || d.sort === 'oldest' ? [...rest, temp] : [temp, ...rest] };
}

/** The server accepted the post `tempId` as `made`: it takes the placeholder's place, counted once. */
export function acceptPost(d: ThreadData, tempId: string, made: Comment): ThreadData {
  const counted = holds(d, made.id) || made.status !== 'published';
  return {
    ...d,
    comments: without(d.comments, made.id).map((x) => (x.id === tempId ? made : x)),
    fresh: without(d.fresh, made.id),
    total: d.total + (counted ? 0 : 1),
  };
}

/** A failed post: its placeholder goes. */
export const dropComment = (d: ThreadData, id: string): ThreadData => ({ ...d, comments: without(d.comments, id) });

/** The reader's like of `id` turned on or off at once; the fields it changed, to roll it back. */
export function toggleLike(d: ThreadData, id: string): { next: ThreadData; active: boolean; undo: Partial<Comment> } {
  const { viewerLiked, likes } = find(d, id)!;
  const active = !viewerLiked;
  return {
    next: patchComment(d, id, { viewerLiked: active, likes: Math.max(0, likes + (active ? 1 : -1)) }),
    active,
    undo: { viewerLiked, likes },
  };
}
