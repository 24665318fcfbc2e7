import { AdapterError } from '../model/errors.js';
import type {
  Comment,
  CommentPage,
  ListCommentsQuery,
  NewComment,
  Poll,
  Session,
  ThreadEvent,
  Viewer,
} from '../model/types.js';

/**
 * The rules of the REST contract, over an in-memory database. `MemoryAdapter` calls it directly and
 * the msw handlers serve it over HTTP, so both behave the same by construction.
 *
 * The database shows the world as one reader (the session's viewer) sees it: `viewerLiked`,
 * `viewerCanEdit`, pending comments and hidden poll results are all worked out for that reader.
 */

export interface SeedPoll extends Omit<Poll, 'totalVotes' | 'viewerVote' | 'options'> {
  options: { id: string; label: string; votes: number }[];
  viewerVote?: string[] | null;
}

export interface EngineOptions {
  comments?: Comment[];
  polls?: SeedPoll[];
  viewer?: Viewer | null;
  allowAnonymous?: boolean;
  maxLength?: number;
  /** Which new comments are held as `pending`: none (default), every one, or anonymous ones. */
  moderation?: 'none' | 'all' | 'anonymous';
  /** The clock, for tests. */
  now?: () => Date;
}

type Stored = Omit<Comment, 'viewerLiked' | 'viewerCanEdit'> & { likedByViewer: boolean; own: boolean };
type StoredPoll = SeedPoll & { viewerVote: string[] | null };
type Listener = (e: ThreadEvent) => void;

const MAX_LIMIT = 100;
const fail = (code: string, message: string): never => {
  throw new AdapterError({ code, message });
};

/** Length in code points, as `maxLength` counts. */
export const codePoints = (s: string): number => [...s].length;

export class Engine {
  viewer: Viewer | null;
  allowAnonymous: boolean;
  maxLength: number;
  moderation: 'none' | 'all' | 'anonymous';
  readonly reports: { id: string; reason: string }[] = [];
  private now: () => Date;
  private comments = new Map<string, Stored>();
  private polls = new Map<string, StoredPoll>();
  private listeners = new Map<string, Set<Listener>>();
  private done = new Map<string, unknown>();
  private seq = 0;

  constructor(o: EngineOptions = {}) {
    this.viewer = o.viewer ?? null;
    this.allowAnonymous = o.allowAnonymous ?? true;
    this.maxLength = o.maxLength ?? 5000;
    this.moderation = o.moderation ?? 'none';
    this.now = o.now ?? (() => new Date());
    for (const c of o.comments ?? []) this.insert(c, false);
    for (const p of o.polls ?? []) this.addPoll(p);
  }

  /** Adds a comment as if someone else had posted it, and tells subscribers. */
  insert(c: Comment, announce = true): Comment {
    const { viewerLiked, viewerCanEdit, ...rest } = structuredClone(c);
    const stored: Stored = { ...rest, likedByViewer: !!viewerLiked, own: !!viewerCanEdit };
    this.comments.set(c.id, stored);
    const out = this.view(stored);
    if (announce) this.emit({ type: 'comment-created', comment: out });
    return out;
  }

  addPoll(p: SeedPoll): void {
    this.polls.set(p.id, { ...structuredClone(p), viewerVote: p.viewerVote ?? null });
  }

  session(): Session {
    return { viewer: structuredClone(this.viewer), allowAnonymous: this.allowAnonymous, maxLength: this.maxLength };
  }

  list(q: ListCommentsQuery): CommentPage {
    const limit = Math.min(Math.max(1, Math.floor(q.limit) || 20), MAX_LIMIT);
    const all = [...this.comments.values()].filter((c) => c.threadId === q.threadId);
    const visible = all.filter((c) => this.isVisible(c, all));
    const roots = visible.filter((c) => c.parentId === null).sort(compare(q.sort));
    let start = 0;
    if (q.cursor) {
      start = roots.findIndex((c) => cursorOf(c) === q.cursor) + 1;
      if (start === 0) start = roots.findIndex((c) => compare(q.sort)(c, decodeCursor(q.cursor!)) > 0);
      if (start < 0) start = roots.length;
    }
    const pageRoots = roots.slice(start, start + limit);
    const inPage = new Set(pageRoots.map((c) => c.id));
    const replies = visible
      .filter((c) => c.parentId !== null && inPage.has(this.rootOf(c).id))
      .sort(compare('oldest'));
    const last = pageRoots[pageRoots.length - 1];
    return {
      comments: [...pageRoots, ...replies].map((c) => this.view(c)),
      nextCursor: start + limit < roots.length && last ? cursorOf(last) : null,
      total: visible.filter((c) => c.status === 'published').length,
    };
  }

  create(c: NewComment, key?: string): Comment {
    return this.once(key, () => {
      const body = this.checkBody(c.body);
      let author = this.viewer && { id: this.viewer.id, name: this.viewer.name, avatarUrl: this.viewer.avatarUrl ?? null, roles: this.viewer.roles ?? [] };
      if (!author) {
        if (!this.allowAnonymous) fail('unauthorized', 'Sign in to comment.');
        const name = (c.author?.name ?? '').trim();
        if (!name) fail('validation', 'Please give a name.');
        if (codePoints(name) > 100) fail('validation', 'That name is too long.');
        author = { id: `anon-${++this.seq}`, name, avatarUrl: null, roles: [] };
      }
      if (c.parentId !== null) {
        const parent = this.comments.get(c.parentId);
        if (!parent || parent.threadId !== c.threadId) fail('not_found', 'The comment you are replying to no longer exists.');
      }
      const held = this.moderation === 'all' || (this.moderation === 'anonymous' && !this.viewer);
      const stored: Stored = {
        id: `c${Date.now().toString(36)}${(++this.seq).toString(36)}`,
        threadId: c.threadId,
        parentId: c.parentId,
        author,
        body,
        createdAt: this.now().toISOString(),
        editedAt: null,
        status: held ? 'pending' : 'published',
        likes: 0,
        likedByViewer: false,
        own: true,
      };
      this.comments.set(stored.id, stored);
      const out = this.view(stored);
      if (!held) this.emit({ type: 'comment-created', comment: out });
      return out;
    }, this.current);
  }

  update(c: { id: string; body: string }): Comment {
    const stored = this.own(c.id);
    stored.body = this.checkBody(c.body);
    stored.editedAt = this.now().toISOString();
    return this.changed(stored);
  }

  remove(c: { id: string }): void {
    const stored = this.own(c.id);
    stored.status = 'deleted';
    stored.body = '';
    this.emit({ type: 'comment-deleted', comment: this.view(stored) });
  }

  react(c: { id: string; reaction: 'like'; active: boolean }, key?: string): Comment {
    return this.once(key, () => {
      const stored = this.find(c.id);
      if (c.reaction !== 'like') fail('validation', 'Unknown reaction.');
      if (!this.viewer && !this.allowAnonymous) fail('unauthorized', 'Sign in to like comments.');
      if (stored.likedByViewer !== c.active) {
        stored.likedByViewer = c.active;
        stored.likes = Math.max(0, stored.likes + (c.active ? 1 : -1));
      }
      return this.changed(stored);
    }, this.current);
  }

  report(c: { id: string; reason: string }, key?: string): void {
    this.once(key, () => {
      this.find(c.id);
      const reason = (c.reason ?? '').trim();
      if (!reason) fail('validation', 'Please say what is wrong with this comment.');
      this.reports.push({ id: c.id, reason });
    });
  }

  getPoll(pollId: string): Poll {
    const p = this.poll(pollId);
    const closed = this.isClosed(p);
    const shown = p.resultsVisibility === 'always' || closed || (p.resultsVisibility === 'after-vote' && !!p.viewerVote);
    return structuredClone({
      ...p,
      options: p.options.map((o) => ({ ...o, votes: shown ? o.votes : null })),
      maxChoices: p.multiple ? p.maxChoices : 1,
      totalVotes: shown ? p.options.reduce((n, o) => n + o.votes, 0) : null,
      closed,
    });
  }

  vote(q: { pollId: string; optionIds: string[] }, key?: string): Poll {
    return this.once(key, () => {
      const p = this.poll(q.pollId);
      if (this.isClosed(p)) fail('poll_closed', 'This poll is closed.');
      if (p.viewerVote) fail('already_voted', 'You have already voted in this poll.');
      const ids = Array.isArray(q.optionIds) ? q.optionIds : [];
      const max = p.multiple ? p.maxChoices : 1;
      if (ids.length === 0) fail('validation', 'Choose an option.');
      if (new Set(ids).size !== ids.length || ids.some((id) => !p.options.some((o) => o.id === id))) {
        fail('validation', 'That choice is not one of the options.');
      }
      if (ids.length > max) fail('validation', `Choose at most ${max}.`);
      for (const o of p.options) if (ids.includes(o.id)) o.votes++;
      p.viewerVote = [...ids];
      return this.getPoll(p.id);
    }, (first) => this.getPoll(first.id));
  }

  /** Tells `listener` of every change in the thread from now on; returns the function that stops it. */
  subscribe(threadId: string, listener: Listener): () => void {
    const set = this.listeners.get(threadId) ?? new Set();
    this.listeners.set(threadId, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  private emit(e: ThreadEvent): void {
    for (const l of [...(this.listeners.get(e.comment.threadId) ?? [])]) l(structuredClone(e));
  }

  /**
   * Runs `op` once per idempotency key: a retry with the same key does not repeat it, and gets the
   * first answer again, brought up to date by `fresh`.
   */
  private once<T>(key: string | undefined, op: () => T, fresh: (first: T) => T = structuredClone): T {
    if (key && this.done.has(key)) return fresh(this.done.get(key) as T);
    const out = op();
    if (key) this.done.set(key, structuredClone(out));
    return out;
  }

  private current = (c: Comment): Comment => this.view(this.comments.get(c.id)!);

  private checkBody(body: unknown): string {
    const text = typeof body === 'string' ? body.trim() : '';
    if (!text) fail('validation', 'Write something before sending.');
    if (codePoints(text) > this.maxLength) fail('validation', `Comments can be at most ${this.maxLength} characters long.`);
    return text;
  }

  private poll(id: string): StoredPoll {
    return this.polls.get(id) ?? fail('not_found', 'There is no such poll.');
  }

  private find(id: string): Stored {
    const c = this.comments.get(id);
    if (!c || c.status === 'deleted') return fail('not_found', 'That comment no longer exists.');
    return c;
  }

  private own(id: string): Stored {
    const c = this.find(id);
    if (!c.own) fail('forbidden', 'You can only change your own comments.');
    return c;
  }

  private changed(stored: Stored): Comment {
    const out = this.view(stored);
    if (stored.status === 'published') this.emit({ type: 'comment-updated', comment: out });
    return out;
  }

  private rootOf(c: Stored): Stored {
    let at = c;
    for (let p = at.parentId && this.comments.get(at.parentId); p; p = p.parentId && this.comments.get(p.parentId)) at = p;
    return at;
  }

  /** Published, the reader's own pending ones, and deleted ones that still have visible replies. */
  private isVisible(c: Stored, all: Stored[]): boolean {
    if (c.status === 'published') return true;
    if (c.status === 'pending') return c.own;
    return all.some((r) => r.parentId === c.id && this.isVisible(r, all));
  }

  private isClosed(p: StoredPoll): boolean {
    return p.closed || (p.closesAt !== null && Date.parse(p.closesAt) <= this.now().getTime());
  }

  private view(c: Stored): Comment {
    const { likedByViewer, own, ...rest } = structuredClone(c);
    if (rest.status === 'deleted') {
      return { ...rest, body: '', author: { id: 'deleted', name: '', avatarUrl: null, url: null, roles: [] }, likes: 0, viewerLiked: false, viewerCanEdit: false };
    }
    return { ...rest, viewerLiked: likedByViewer, viewerCanEdit: own };
  }
}

function compare(sort: ListCommentsQuery['sort']) {
  const time = (c: Pick<Stored, 'createdAt'>) => Date.parse(c.createdAt);
  return (a: Pick<Stored, 'createdAt' | 'likes' | 'id'>, b: Pick<Stored, 'createdAt' | 'likes' | 'id'>): number => {
    const byTime = sort === 'oldest' ? time(a) - time(b) : time(b) - time(a);
    return (sort === 'top' ? b.likes - a.likes : 0) || byTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

/** A cursor names the last root of the page and its sort keys, so paging survives its deletion. */
function cursorOf(c: Stored): string {
  return JSON.stringify([c.id, c.createdAt, c.likes]);
}

function decodeCursor(cursor: string): Pick<Stored, 'createdAt' | 'likes' | 'id'> {
  try {
    const [id, createdAt, likes] = JSON.parse(cursor) as [string, string, number];
    if (typeof id === 'string' && typeof createdAt === 'string' && typeof likes === 'number') return { id, createdAt, likes };
  } catch {
    // falls through to the error below
  }
  return fail('validation', 'That page cursor is not valid.');
}
