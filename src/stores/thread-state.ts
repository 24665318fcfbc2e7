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
  /**
   * New comments from others not shown until the reader asks: new roots (so that nothing jumps),
   * and the replies of a flood (`LiveEvent.hold`) or to a root that waits here.
   */
  fresh: Comment[];
}

export interface ThreadTree {
  /** The roots of `comments`; deleted comments without replies are left out. */
  roots: ThreadNode[];
  /** Every node of the tree (what `roots` reach), by id. */
  byId: Map<string, ThreadNode>;
  /** How many published comments the tree shows (posts in flight not counted). */
  shown: number;
  /** The parent ids that comments no root reaches name (orphans, cycles): a comment with such an id would place them. */
  waiting: ReadonlySet<string>;
}

export type ThreadState = ThreadData & ThreadTree;

/** A live event; `hold`: a new comment of a flood, which waits in `fresh` even as a reply. */
export type LiveEvent = ThreadEvent & { hold?: boolean };

/** The state before the first page of `sort` and `limit`. */
export const initialData = (sort: SortOrder, limit: number): ThreadData => ({
  status: 'loading', more: 'idle', error: null, sort, limit, comments: [], total: 0, cursor: null, fresh: [],
});

/** A node being built: its comment, its children still to visit, and the nodes made of those visited. */
interface Frame {
  comment: ThreadComment;
  children: ThreadComment[];
  next: number;
  replies: ThreadNode[];
}

const sameNodes = (a: ThreadNode[], b: ThreadNode[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * The tree of `comments`: any depth, without recursion (a chain 100,000 deep is a loop, not a
 * stack); replies in the order given; the first of duplicate ids kept; orphans, self-parents and
 * cycles left out (no root reaches them). Given the tree `before`, every node whose comment and
 * replies are unchanged is the same object as before, so that rendering can skip it.
 */
export function buildTree(comments: readonly ThreadComment[], before?: ThreadTree): ThreadTree {
  const children = new Map<string | null, ThreadComment[]>();
  const ids = new Set<string>();
  for (const c of comments) {
    if (ids.has(c.id)) continue;
    ids.add(c.id);
    const siblings = children.get(c.parentId);
    if (siblings) siblings.push(c);
    else children.set(c.parentId, [c]);
  }
  const byId = new Map<string, ThreadNode>();
  const roots: ThreadNode[] = [];
  let shown = 0;
  const stack: Frame[] = [];
  const enter = (comment: ThreadComment) => {
    stack.push({ comment, children: children.get(comment.id) ?? [], next: 0, replies: [] });
    // What is left in `children` once every root is walked is what no root reaches.
    children.delete(comment.id);
  };
  const top = children.get(null) ?? [];
  children.delete(null);
  for (const root of top) {
    enter(root);
    while (stack.length) {
      const f = stack.at(-1)!;
      if (f.next < f.children.length) {
        enter(f.children[f.next++]!);
        continue;
      }
      stack.pop();
      const { comment, replies } = f;
      let count = 0;
      for (const r of replies) count += 1 + r.count;
      if (comment.status === 'deleted' && !count) continue;
      const old = before?.byId.get(comment.id);
      const node = old && old.comment === comment && sameNodes(old.replies, replies) ? old : { comment, replies, count };
      byId.set(comment.id, node);
      if (comment.status === 'published' && !comment.sending) shown++;
      (stack.at(-1)?.replies ?? roots).push(node);
    }
  }
  return { roots: before && sameNodes(before.roots, roots) ? before.roots : roots, byId, shown, waiting: new Set(children.keys() as Iterable<string>) };
}

/** What a change of `comments` did: the ids whose comment was replaced where it was, and those added at the end, in order. */
export interface Changes {
  patched: Set<string>;
  added: string[];
}

/** The changes of patching the comment `id`. */
export const patched = (id: string): Changes => ({ patched: new Set([id]), added: [] });

/** Whether the tree counts `c` as shown. */
const counted = (c: ThreadComment) => +(c.status === 'published' && !c.sending);

/** Puts `node` in the place of `old` in `list`: at the end when there was none, nothing when there is no `node`. */
function swap(list: ThreadNode[], old: ThreadNode | undefined, node: ThreadNode | undefined) {
  const i = old ? list.indexOf(old) : -1;
  if (!node) list.splice(i, 1);
  else if (i < 0) list.push(node);
  else list[i] = node;
}

/**
 * The tree of `comments` after `changes`, from the tree before them, in time that grows with the
 * changes and the depth of what they touch, not with the thread: each changed node is made anew
 * and so is every node above it (a node made here is changed in place by the next change below
 * it); every other node, and `byId` itself, stay the same objects. What it cannot place so (a
 * reply whose parent is not shown, a comment that moved, one that places hidden ones) builds the
 * tree again. Every result is the one `buildTree(comments)` gives.
 */
export function updateTree(tree: ThreadTree, comments: readonly ThreadComment[], changes: Changes): ThreadTree {
  const { byId, waiting } = tree;
  let { roots, shown } = tree;
  const made = new Set<ThreadNode>();
  const at = positions(comments);
  /** Puts `node` in the place of `old` under `parentId` with `grow` nodes more below it, and every node above with it. */
  const place = (parentId: string | null, old: ThreadNode | undefined, node: ThreadNode | undefined, grow: number) => {
    for (; parentId !== null; parentId = old!.comment.parentId) {
      if (old === node && !grow) return;
      const was = byId.get(parentId)!;
      const parent = made.has(was) ? was : { comment: was.comment, replies: [...was.replies], count: was.count };
      swap(parent.replies, old, node);
      parent.count += grow;
      old = was;
      if (parent.comment.status === 'deleted' && !parent.count) {
        // A placeholder left without replies goes too.
        byId.delete(parentId);
        node = undefined;
        grow--;
      } else {
        made.add(parent);
        byId.set(parentId, (node = parent));
      }
    }
    if (old === node) return;
    if (roots === tree.roots) roots = [...roots];
    swap(roots, old, node);
  };
  for (const id of changes.added) {
    const c = comments[at.get(id)!]!;
    if (c.parentId === null || !byId.has(c.parentId) || byId.has(id) || waiting.has(id)) return buildTree(comments, tree);
    if (c.status === 'deleted') continue;
    const node: ThreadNode = { comment: c, replies: [], count: 0 };
    made.add(node);
    byId.set(id, node);
    shown += counted(c);
    place(c.parentId, undefined, node, 1);
  }
  for (const id of changes.patched) {
    const c = comments[at.get(id)!]!;
    const old = byId.get(id);
    if (!old) {
      // A placeholder no one sees, with no hidden replies, stays unseen; anything else may appear.
      if (c.status === 'deleted' && !waiting.has(id)) continue;
      return buildTree(comments, tree);
    }
    if (old.comment === c) continue;
    if (old.comment.parentId !== c.parentId) return buildTree(comments, tree);
    shown += counted(c) - counted(old.comment);
    if (c.status === 'deleted' && !old.count) {
      byId.delete(id);
      place(c.parentId, old, undefined, -1);
      continue;
    }
    const node = made.has(old) ? old : { ...old };
    node.comment = c;
    made.add(node);
    byId.set(id, node);
    place(c.parentId, old, node, 0);
  }
  return { roots, byId, shown, waiting };
}

/**
 * The count the heading shows. The server's `total` is believed while pages are left to load, but
 * never below what the page shows; once every page is loaded it is what the page shows (plus the
 * new roots waiting to be shown): comments the tree cannot place (orphans, cycles, self-parents)
 * are hidden and not counted, so that "2 comments" never sits beside "No comments yet".
 */
export function countOf(d: ThreadData, tree: ThreadTree): number {
  const shown = tree.shown + d.fresh.length;
  return d.cursor === null && d.status === 'ready' ? shown : Math.max(d.total, shown);
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

/** Where the first comment of each id is in an array, made on first need and handed on to the array that replaces it. */
const indexes = new WeakMap<readonly Comment[], Map<string, number>>();

function positions(list: readonly Comment[]): Map<string, number> {
  let at = indexes.get(list);
  if (!at) {
    at = new Map();
    for (let i = 0; i < list.length; i++) if (!at.has(list[i]!.id)) at.set(list[i]!.id, i);
    indexes.set(list, at);
  }
  return at;
}

/**
 * A copy of `list` that takes over its index (the copy then changes only where the index says, or
 * at its end): one copy and no new index per change.
 */
function copyOf<T extends Comment>(list: readonly T[]): T[] {
  const copy = [...list];
  const at = indexes.get(list);
  if (at) {
    indexes.delete(list);
    indexes.set(copy, at);
  }
  return copy;
}

const find = (d: ThreadData, id: string) => {
  const i = positions(d.comments).get(id);
  return i === undefined ? undefined : d.comments[i];
};
const without = (comments: ThreadComment[], id: string) => comments.filter((c) => c.id !== id);

/** Whether the comment `id` is already here, shown or waiting in `fresh`. */
const holds = (d: ThreadData, id: string) => !!find(d, id) || d.fresh.some((f) => f.id === id);

/** Lays `change` (the server's version of the comment, or some of its fields) over the comment `id`. */
export function patchComment(d: ThreadData, id: string, change: Partial<Comment>): ThreadData {
  const i = positions(d.comments).get(id);
  if (i === undefined) return d;
  const comments = copyOf(d.comments);
  comments[i] = { ...comments[i]!, ...change };
  return { ...d, comments };
}

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

/**
 * What others did, from the live stream: a batch of events (those of one animation frame) applied
 * in one pass, each in constant time, over one copy of the lists made on the first change. Returns
 * `d` itself when no event changed anything; what changed in `comments` is added to `changes`.
 */
export function applyEvents(d: ThreadData, events: readonly LiveEvent[], changes: Changes = { patched: new Set(), added: [] }): ThreadData {
  let { comments, fresh, total } = d;
  /** Whether `fresh` has holes to close (roots deleted before they were shown). */
  let holes = false;
  const patch = (i: number, change: Partial<Comment>) => {
    if (comments === d.comments) comments = copyOf(comments);
    comments[i] = { ...comments[i]!, ...change };
    changes.patched.add(comments[i].id);
  };
  const setFresh = (c: Comment | null, i = fresh.length) => {
    if (fresh === d.fresh) fresh = copyOf(fresh);
    if (i === fresh.length) positions(fresh).set(c!.id, i);
    fresh[i] = c!;
  };
  for (const { type, comment, hold } of events) {
    // Someone else's comment, whatever flags the broadcast carries.
    const c = { ...comment, viewerLiked: false, viewerCanEdit: false };
    const waiting = positions(fresh).get(c.id);
    if (waiting !== undefined && fresh[waiting]) {
      // A new root not shown yet: it shows as it is now, or not at all once deleted (a hole, closed below).
      if (type === 'comment-deleted') {
        setFresh(null, waiting);
        holes = true;
        total--;
      } else if (type === 'comment-updated') setFresh(c, waiting);
      continue;
    }
    const i = positions(comments).get(c.id);
    const known = i === undefined ? undefined : comments[i]!;
    if (type === 'comment-created') {
      if (known) {
        // The reader's own held comment, approved: it shows as published, and counts.
        if (known.status === 'pending' && c.status === 'published') {
          patch(i!, { ...c, viewerLiked: known.viewerLiked, viewerCanEdit: known.viewerCanEdit });
          total++;
        }
        continue;
      }
      if (c.status !== 'published' || waiting !== undefined) continue;
      // Counted at once. A root waits in `fresh`; a reply shows at once under a parent that is
      // shown, or waits too when it comes in a flood or its parent waits (it shows with it).
      total++;
      const parentShown = c.parentId !== null && positions(comments).has(c.parentId);
      const parentWaits = c.parentId !== null && !!fresh[positions(fresh).get(c.parentId) ?? -1];
      if (c.parentId === null || parentWaits || (parentShown && hold)) setFresh(c);
      else if (parentShown) {
        if (comments === d.comments) comments = copyOf(comments);
        positions(comments).set(c.id, comments.length);
        comments.push(c);
        changes.added.push(c.id);
      }
      continue;
    }
    // A deleted comment stays deleted: an edit of it that arrives late does not bring it back.
    if (!known || known.status === 'deleted') continue;
    // Events go to every reader: the reader's own flags stay as they were.
    if (type === 'comment-updated') patch(i!, { ...comment, viewerLiked: known.viewerLiked, viewerCanEdit: known.viewerCanEdit });
    else {
      patch(i!, TOMBSTONE);
      total -= +(known.status === 'published');
    }
  }
  if (holes) fresh = fresh.filter(Boolean);
  return comments === d.comments && fresh === d.fresh && total === d.total ? d : { ...d, comments, fresh, total };
}

/** What someone else did, from the live stream. */
export const applyEvent = (d: ThreadData, e: ThreadEvent): ThreadData => applyEvents(d, [e]);

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

/** The most new comments one "Show new comments" shows: a flood's thousands would take seconds to draw. */
export const REVEAL = 200;

/** The new comments `fresh` held (those that came first), as many as one "Show new comments" shows. */
export const revealed = (d: ThreadData): Comment[] => d.fresh.slice(0, REVEAL);

/**
 * Shows the `revealed` comments where the order puts them: roots first or last, replies last
 * under their parents (each came after its parent, so none is left without it).
 */
export function showFresh(d: ThreadData): ThreadData {
  const shown = revealed(d);
  const roots = shown.filter((c) => c.parentId === null);
  const replies = shown.filter((c) => c.parentId !== null);
  const comments = d.sort === 'oldest' ? [...d.comments, ...roots] : [...roots.toReversed(), ...d.comments];
  return { ...d, fresh: d.fresh.slice(shown.length), comments: [...comments, ...replies] };
}

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
