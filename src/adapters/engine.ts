import { AdapterError } from '../model/errors.js';
import type {
  Comment,
  CommentPage,
  ListCommentsQuery,
  ModerationAction,
  ModerationPage,
  NewComment,
  Poll,
  Session,
  ThreadEvent,
  Viewer,
} from '../model/types.js';
import { codePoints } from '../util.js';

/**
 * The rules of the REST contract, over an in-memory database. `MemoryAdapter` calls it directly and
 * the msw handlers serve it over HTTP, so both behave the same by construction.
 *
 * The database shows the world as one reader (the session's viewer) sees it: `viewerLiked`,
 * `viewerCanEdit`, pending comments and hidden poll results are all worked out for that reader.
 * Nothing stored leaves the engine: every answer and every event is a copy.
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
  /** The report (of different readers) that holds a published comment back for a moderator; 0 never. Default 3. */
  reportThreshold?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

/** A comment as stored: `viewerLiked` and `viewerCanEdit` (the viewer wrote it) always set. */
type Stored = Comment & { viewerLiked: boolean; viewerCanEdit: boolean };
type StoredPoll = SeedPoll & { viewerVote: string[] | null };
type Listener = (e: ThreadEvent) => void;

function fail(code: string, message: string): never {
  throw new AdapterError({ code, message });
}

export class Engine {
  viewer: Viewer | null;
  allowAnonymous: boolean;
  maxLength: number;
  moderation: 'none' | 'all' | 'anonymous';
  reportThreshold: number;
  private now: () => Date;
  /** One report per reader and comment, under `comment id` and the reader; a second one replaces the reason. */
  private reported = new Map<string, { id: string; reason: string }>();
  private comments = new Map<string, Stored>();
  private polls = new Map<string, StoredPoll>();
  private listeners = new Set<Listener>();
  /** What each idempotency key's operation stored, to answer its retries. */
  private done = new Map<string, unknown>();
  private seq = 0;

  constructor(o: EngineOptions = {}) {
    this.viewer = o.viewer ?? null;
    this.allowAnonymous = o.allowAnonymous ?? true;
    this.maxLength = o.maxLength ?? 5000;
    this.moderation = o.moderation ?? 'none';
    this.reportThreshold = o.reportThreshold ?? 3;
    this.now = o.now ?? (() => new Date());
    for (const c of o.comments ?? []) this.insert(c, false);
    for (const p of o.polls ?? []) this.addPoll(p);
  }

  /** Adds a comment as if someone else had posted it, and tells subscribers. */
  insert(c: Comment, announce = true): Comment {
    const stored: Stored = { ...structuredClone(c), viewerLiked: !!c.viewerLiked, viewerCanEdit: !!c.viewerCanEdit };
    this.comments.set(c.id, stored);
    if (announce) this.tell('created', stored);
    return this.view(stored);
  }

  addPoll(p: SeedPoll): void {
    this.polls.set(p.id, { ...structuredClone(p), viewerVote: p.viewerVote ?? null });
  }

  /** The reports taken, in the order first made. */
  get reports(): { id: string; reason: string }[] {
    return [...this.reported.values()];
  }

  session(): Session {
    return structuredClone({ viewer: this.viewer, allowAnonymous: this.allowAnonymous, maxLength: this.maxLength });
  }

  /**
   * Pages by root comments. The cursor is the id of the last root of the page, and the next page
   * starts after that comment's place in the order, so paging survives its deletion.
   */
  list(q: ListCommentsQuery): CommentPage {
    const limit = Math.min(Math.max(1, Math.floor(q.limit) || 20), 100);
    const order = compare(q.sort);
    const after = q.cursor && (this.comments.get(q.cursor) ?? fail('validation', 'That page cursor is not valid.'));
    const visible = [...this.comments.values()].filter((c) => c.threadId === q.threadId && this.isVisible(c));
    const roots = visible.filter((c) => c.parentId === null && !(after && order(c, after) <= 0)).sort(order);
    const page = roots.slice(0, limit);
    const replies = visible.filter((c) => c.parentId !== null && page.includes(this.rootOf(c))).sort(compare('oldest'));
    return {
      comments: [...page, ...replies].map((c) => this.view(c)),
      nextCursor: roots.length > limit ? page[limit - 1]!.id : null,
      total: visible.filter((c) => c.status === 'published').length,
    };
  }

  create(c: NewComment, key?: string): Comment {
    return this.once(key, () => {
      const body = this.checkBody(c.body);
      let author = this.viewer;
      if (!author) {
        if (!this.allowAnonymous) fail('unauthorized', 'Sign in to comment.');
        const name = c.author?.name.trim();
        if (!name) fail('validation', 'Please give a name.');
        if (codePoints(name) > 100) fail('validation', 'That name is too long.');
        author = { id: `anon-${++this.seq}`, name };
      }
      if (c.parentId !== null && this.comments.get(c.parentId)?.threadId !== c.threadId) {
        fail('not_found', 'The comment you are replying to no longer exists.');
      }
      const held = this.moderation === 'all' || (this.moderation === 'anonymous' && !this.viewer);
      const stored: Stored = {
        id: `c${Date.now().toString(36)}${(++this.seq).toString(36)}`,
        threadId: c.threadId,
        parentId: c.parentId,
        author: { id: author.id, name: author.name, avatarUrl: author.avatarUrl ?? null, roles: author.roles ?? [] },
        body,
        createdAt: this.now().toISOString(),
        editedAt: null,
        status: held ? 'pending' : 'published',
        likes: 0,
        viewerLiked: false,
        viewerCanEdit: true,
      };
      this.comments.set(stored.id, stored);
      if (!held) this.tell('created', stored);
      return stored;
    }, this.view);
  }

  update(c: { id: string; body: string }): Comment {
    const stored = this.own(c.id);
    stored.body = this.checkBody(c.body);
    stored.editedAt = this.now().toISOString();
    return this.view(this.changed(stored));
  }

  /** Deletes the viewer's own comment, or any comment for a moderator. */
  remove(c: { id: string }): void {
    const stored = this.isModerator ? this.find(c.id) : this.own(c.id);
    stored.status = 'deleted';
    stored.body = '';
    this.tell('deleted', stored);
  }

  react(c: { id: string; reaction: 'like'; active: boolean }, key?: string): Comment {
    return this.once(key, () => {
      const stored = this.find(c.id);
      if (c.reaction !== 'like') fail('validation', 'Unknown reaction.');
      if (!this.viewer && !this.allowAnonymous) fail('unauthorized', 'Sign in to like comments.');
      if (stored.viewerLiked !== c.active) {
        stored.viewerLiked = c.active;
        stored.likes = Math.max(0, stored.likes + (c.active ? 1 : -1));
      }
      return this.changed(stored);
    }, this.view);
  }

  /**
   * One report per reader and comment (a second one replaces the reason). The report that brings a
   * published comment to `reportThreshold` holds it back as pending until a moderator decides.
   */
  report(c: { id: string; reason: string }, key?: string): void {
    this.once(key, () => {
      this.find(c.id);
      const reason = c.reason.trim();
      if (!reason) fail('validation', 'Please say what is wrong with this comment.');
      const key = `${c.id} ${this.viewer?.id ?? 'anonymous'}`;
      const again = this.reported.delete(key);
      this.reported.set(key, { id: c.id, reason });
      // The report that reaches the threshold holds the comment back; once approved, later ones do not.
      const stored = this.comments.get(c.id)!;
      if (!again && stored.status === 'published' && this.reportsOf(c.id).length === this.reportThreshold) {
        stored.status = 'pending';
        this.tell('deleted', stored);
      }
    }, () => {});
  }

  /**
   * A moderator's decision: approving publishes a held comment (and tells every reader), rejecting
   * removes it like a deletion, pinning puts a root first in every sort.
   */
  moderate(c: { id: string; action: ModerationAction }): Comment {
    this.mustModerate();
    const stored = this.find(c.id);
    if (c.action === 'approve' && stored.status === 'pending') {
      stored.status = 'published';
      this.tell('created', stored);
    } else if (c.action === 'reject') {
      stored.status = 'deleted';
      stored.body = '';
      this.tell('deleted', stored);
    } else if (c.action === 'pin' || c.action === 'unpin') {
      if (stored.parentId !== null) fail('validation', 'Only comments that start a thread can be pinned.');
      stored.pinned = c.action === 'pin';
      this.changed(stored);
    } else if (c.action !== 'approve') fail('validation', 'Unknown moderation action.');
    return this.view(stored);
  }

  /** Pending and reported comments across every thread, newest first, with the reports' reasons. */
  listModeration(q: { cursor?: string | null; limit: number }): ModerationPage {
    this.mustModerate();
    const limit = Math.min(Math.max(1, Math.floor(q.limit) || 20), 100);
    const newest = compare('newest', false);
    const after = q.cursor && (this.comments.get(q.cursor) ?? fail('validation', 'That page cursor is not valid.'));
    const queued = [...this.comments.values()]
      .filter((c) => c.status === 'pending' || (c.status === 'published' && this.reportsOf(c.id).length > 0))
      .filter((c) => !(after && newest(c, after) <= 0))
      .sort(newest);
    const page = queued.slice(0, limit);
    return {
      comments: page.map((c) => ({ ...this.view(c), reportReasons: this.reportsOf(c.id) })),
      nextCursor: queued.length > limit ? page[limit - 1]!.id : null,
    };
  }

  /** Published comments per thread. */
  countComments(q: { threadIds: string[] }): Record<string, number> {
    if (q.threadIds.length > 100) fail('validation', 'Ask for at most 100 threads at a time.');
    const counts = new Map(q.threadIds.map((id) => [id, 0]));
    for (const c of this.comments.values()) {
      if (c.status === 'published' && counts.has(c.threadId)) counts.set(c.threadId, counts.get(c.threadId)! + 1);
    }
    return Object.fromEntries(counts);
  }

  getPoll(pollId: string): Poll {
    return this.pollView(this.poll(pollId));
  }

  vote(q: { pollId: string; optionIds: string[] }, key?: string): Poll {
    return this.once(key, () => {
      const p = this.poll(q.pollId);
      if (this.isClosed(p)) fail('poll_closed', 'This poll is closed.');
      if (p.viewerVote) fail('already_voted', 'You have already voted in this poll.');
      const ids = q.optionIds;
      const max = p.multiple ? p.maxChoices : 1;
      // Option ids are unique, so a repeated or unknown id leaves fewer chosen options than ids.
      const chosen = p.options.filter((o) => ids.includes(o.id));
      if (ids.length === 0) fail('validation', 'Choose an option.');
      if (chosen.length !== ids.length) fail('validation', 'That choice is not one of the options.');
      if (ids.length > max) fail('validation', `Choose at most ${max}.`);
      for (const o of chosen) o.votes++;
      p.viewerVote = [...ids];
      return p;
    }, this.pollView);
  }

  /** Tells `listener` of every change in the thread from now on; returns the function that stops it. */
  subscribe(threadId: string, listener: Listener): () => void {
    const l: Listener = (e) => {
      if (e.comment.threadId === threadId) listener(structuredClone(e));
    };
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(e: ThreadEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private tell(change: 'created' | 'updated' | 'deleted', c: Stored): void {
    this.emit({ type: `comment-${change}`, comment: this.view(c) });
  }

  /**
   * Runs `op` once per idempotency key: a retry with the same key does not repeat it, and gets the
   * first one's stored result again, shown as it is now.
   */
  private once<S, T>(key: string | undefined, op: () => S, show: (stored: S) => T): T {
    const stored = key && this.done.has(key) ? (this.done.get(key) as S) : op();
    if (key) this.done.set(key, stored);
    return show(stored);
  }

  private get isModerator(): boolean {
    return !!this.viewer?.roles?.includes('moderator');
  }

  private mustModerate(): void {
    if (!this.isModerator) fail('forbidden', 'Only moderators can do that.');
  }

  private reportsOf(id: string): string[] {
    return this.reports.filter((r) => r.id === id).map((r) => r.reason);
  }

  private checkBody(body: string): string {
    const text = body.trim();
    if (!text) fail('validation', 'Write something before sending.');
    if (codePoints(text) > this.maxLength) fail('validation', `Comments can be at most ${this.maxLength} characters long.`);
    return text;
  }

  private poll(id: string): StoredPoll {
    return this.polls.get(id) ?? fail('not_found', 'There is no such poll.');
  }

  private find(id: string): Stored {
    const c = this.comments.get(id);
    return c?.status !== 'deleted' && c ? c : fail('not_found', 'That comment no longer exists.');
  }

  private own(id: string): Stored {
    const c = this.find(id);
    return c.viewerCanEdit ? c : fail('forbidden', 'You can only change your own comments.');
  }

  private changed(c: Stored): Stored {
    if (c.status === 'published') this.tell('updated', c);
    return c;
  }

  private rootOf(c: Stored): Stored {
    const parent = c.parentId !== null && this.comments.get(c.parentId);
    return parent ? this.rootOf(parent) : c;
  }

  /** Published, the reader's own pending ones (all, for a moderator), and deleted ones that still have visible replies. */
  private isVisible(c: Stored): boolean {
    if (c.status === 'published') return true;
    if (c.status === 'pending') return c.viewerCanEdit || this.isModerator;
    return [...this.comments.values()].some((r) => r.parentId === c.id && this.isVisible(r));
  }

  private isClosed(p: StoredPoll): boolean {
    // `Date.parse(null)` is NaN, which is never at or before now.
    return p.closed || Date.parse(p.closesAt!) <= +this.now();
  }

  /**
   * A copy of the comment as the reader sees it: a deleted one is an empty placeholder; a moderator
   * also sees how many reported it, and why.
   */
  private view = (c: Stored): Comment => {
    const shown: Comment = c.status === 'deleted'
      ? { ...c, body: '', author: { id: 'deleted', name: '', avatarUrl: null, url: null, roles: [] }, likes: 0, viewerLiked: false, viewerCanEdit: false }
      : c;
    const reasons = this.isModerator ? this.reportsOf(c.id) : [];
    return structuredClone(this.isModerator ? { ...shown, reports: reasons.length, ...(reasons.length && { reportReasons: reasons }) } : shown);
  };

  /** A copy of the poll as the reader sees it: votes hidden until `resultsVisibility` allows. */
  private pollView = (p: StoredPoll): Poll => {
    const closed = this.isClosed(p);
    const shown = closed || p.resultsVisibility === 'always' || (p.resultsVisibility === 'after-vote' && !!p.viewerVote);
    return structuredClone({
      ...p,
      options: p.options.map((o) => ({ ...o, votes: shown ? o.votes : null })),
      maxChoices: p.multiple ? p.maxChoices : 1,
      totalVotes: shown ? p.options.reduce((n, o) => n + o.votes, 0) : null,
      closed,
    });
  };
}

/**
 * The order of roots: pinned ones first (unless `pinnedFirst` is false); then `top` by likes, then
 * newest; `newest` or `oldest` by `createdAt`; then by id.
 */
function compare(sort: ListCommentsQuery['sort'], pinnedFirst = true) {
  const time = (c: Stored) => Date.parse(c.createdAt);
  return (a: Stored, b: Stored): number =>
    (pinnedFirst && Number(!!b.pinned) - Number(!!a.pinned)) ||
    (sort === 'top' && b.likes - a.likes) ||
    (sort === 'oldest' ? time(a) - time(b) : time(b) - time(a)) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
