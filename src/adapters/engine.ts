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
 * It keeps every reader's state apart, as a server does: who liked which comment, who wrote it,
 * who voted what and who reported it are stored per `Reader` (its `key`), and every answer works
 * out `viewerLiked`, `viewerCanEdit`, pending comments, `viewerVote` and hidden results for the
 * reader who asks. Each call takes that reader last; without one it is the engine's own reader
 * (`viewer`: the one of a `MemoryAdapter`, and of requests that carry no token). Live events are
 * the same for everyone, without any reader's flags. Nothing stored leaves the engine: every
 * answer and every event is a copy.
 */

/** Who asks: `key` tells readers apart (`u:<id>` for a signed-in viewer); `viewer` is null for an anonymous one. */
export interface Reader {
  key: string;
  viewer: Viewer | null;
}

/** The key of the anonymous reader: the mock and the memory adapter know one (a server tells them apart by a cookie). */
const ANONYMOUS = 'anonymous';

export interface SeedPoll extends Omit<Poll, 'totalVotes' | 'viewerVote' | 'options'> {
  options: { id: string; label: string; votes: number }[];
  /** The engine's own reader's vote (counted in `votes` already). */
  viewerVote?: string[] | null;
}

export interface EngineOptions {
  /** The thread's comments; `viewerCanEdit` and `viewerLiked` on one say that the engine's own reader wrote or liked it. */
  comments?: Comment[];
  polls?: SeedPoll[];
  /** The engine's own reader: null (default) for an anonymous one. */
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

/** A comment as stored: the key of the reader who wrote it, and of each reader who liked it. */
type Stored = Omit<Comment, 'viewerLiked' | 'viewerCanEdit' | 'reports' | 'reportReasons'> & { writer: string; likedBy: Set<string> };
/** A poll as stored: each reader's ballot by their key. */
type StoredPoll = Omit<SeedPoll, 'viewerVote'> & { ballots: Map<string, string[]> };
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

  /** The reader of `viewer` (default: the engine's own). */
  reader(viewer: Viewer | null = this.viewer): Reader {
    return { key: viewer ? `u:${viewer.id}` : ANONYMOUS, viewer };
  }

  /**
   * Adds a comment as if someone else had posted it (its author, signed in), and tells subscribers.
   * `viewerCanEdit` makes it the engine's own reader's; `viewerLiked`, liked by them.
   */
  insert(c: Comment, announce = true): Comment {
    const { viewerLiked, viewerCanEdit, reports: _r, reportReasons: _rr, ...comment } = structuredClone(c);
    const me = this.reader().key;
    const stored: Stored = { ...comment, writer: viewerCanEdit ? me : `u:${c.author.id}`, likedBy: new Set(viewerLiked ? [me] : []) };
    this.comments.set(c.id, stored);
    if (announce) this.tell('created', stored);
    return this.view(stored, this.reader());
  }

  /** Adds a poll, or puts it back as seeded; `viewerVote` is the engine's own reader's ballot. */
  addPoll(p: SeedPoll): void {
    const { viewerVote, ...poll } = structuredClone(p);
    this.polls.set(p.id, { ...poll, ballots: new Map(viewerVote ? [[this.reader().key, viewerVote]] : []) });
  }

  /** The reports taken, in the order first made. */
  get reports(): { id: string; reason: string }[] {
    return [...this.reported.values()];
  }

  session(by = this.reader()): Session {
    return structuredClone({ viewer: by.viewer, allowAnonymous: this.allowAnonymous, maxLength: this.maxLength });
  }

  /**
   * Pages by root comments. The cursor is the id of the last root of the page, and the next page
   * starts after that comment's place in the order, so paging survives its deletion.
   */
  list(q: ListCommentsQuery, by = this.reader()): CommentPage {
    const limit = Math.min(Math.max(1, Math.floor(q.limit) || 20), 100);
    const order = compare(q.sort);
    const after = q.cursor && (this.comments.get(q.cursor) ?? fail('validation', 'That page cursor is not valid.'));
    const visible = [...this.comments.values()].filter((c) => c.threadId === q.threadId && this.isVisible(c, by));
    const roots = visible.filter((c) => c.parentId === null && !(after && order(c, after) <= 0)).sort(order);
    const page = roots.slice(0, limit);
    const replies = visible.filter((c) => c.parentId !== null && page.includes(this.rootOf(c))).sort(compare('oldest'));
    return {
      comments: [...page, ...replies].map((c) => this.view(c, by)),
      nextCursor: roots.length > limit ? page[limit - 1]!.id : null,
      total: visible.filter((c) => c.status === 'published').length,
    };
  }

  create(c: NewComment, key?: string, by = this.reader()): Comment {
    return this.once(by, key, () => {
      const body = this.checkBody(c.body);
      let author = by.viewer;
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
      const held = this.moderation === 'all' || (this.moderation === 'anonymous' && !by.viewer);
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
        writer: by.key,
        likedBy: new Set(),
      };
      this.comments.set(stored.id, stored);
      if (!held) this.tell('created', stored);
      return stored;
    }, (stored) => this.view(stored, by));
  }

  update(c: { id: string; body: string }, by = this.reader()): Comment {
    const stored = this.own(c.id, by);
    stored.body = this.checkBody(c.body);
    stored.editedAt = this.now().toISOString();
    return this.view(this.changed(stored), by);
  }

  /** Deletes the reader's own comment, or any comment for a moderator. */
  remove(c: { id: string }, by = this.reader()): void {
    const stored = isModerator(by) ? this.find(c.id) : this.own(c.id, by);
    stored.status = 'deleted';
    stored.body = '';
    this.tell('deleted', stored);
  }

  /** Likes or unlikes for the reader; liking twice counts once. */
  react(c: { id: string; reaction: 'like'; active: boolean }, key?: string, by = this.reader()): Comment {
    return this.once(by, key, () => {
      const stored = this.find(c.id);
      if (c.reaction !== 'like') fail('validation', 'Unknown reaction.');
      if (!by.viewer && !this.allowAnonymous) fail('unauthorized', 'Sign in to like comments.');
      if (stored.likedBy.has(by.key) !== c.active) {
        if (c.active) stored.likedBy.add(by.key);
        else stored.likedBy.delete(by.key);
        stored.likes = Math.max(0, stored.likes + (c.active ? 1 : -1));
      }
      return this.changed(stored);
    }, (stored) => this.view(stored, by));
  }

  /**
   * One report per reader and comment (a second one replaces the reason). The report that brings a
   * published comment to `reportThreshold` holds it back as pending until a moderator decides.
   */
  report(c: { id: string; reason: string }, key?: string, by = this.reader()): void {
    this.once(by, key, () => {
      this.find(c.id);
      const reason = c.reason.trim();
      if (!reason) fail('validation', 'Please say what is wrong with this comment.');
      const key = `${c.id} ${by.key}`;
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
  moderate(c: { id: string; action: ModerationAction }, by = this.reader()): Comment {
    mustModerate(by);
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
    return this.view(stored, by);
  }

  /** Pending and reported comments across every thread, newest first, with the reports' reasons. */
  listModeration(q: { cursor?: string | null; limit: number }, by = this.reader()): ModerationPage {
    mustModerate(by);
    const limit = Math.min(Math.max(1, Math.floor(q.limit) || 20), 100);
    const newest = compare('newest', false);
    const after = q.cursor && (this.comments.get(q.cursor) ?? fail('validation', 'That page cursor is not valid.'));
    const queued = [...this.comments.values()]
      .filter((c) => c.status === 'pending' || (c.status === 'published' && this.reportsOf(c.id).length > 0))
      .filter((c) => !(after && newest(c, after) <= 0))
      .sort(newest);
    const page = queued.slice(0, limit);
    return {
      comments: page.map((c) => ({ ...this.view(c, by), reportReasons: this.reportsOf(c.id) })),
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

  getPoll(pollId: string, by = this.reader()): Poll {
    return this.pollView(this.poll(pollId), by);
  }

  /** The reader's one ballot. */
  vote(q: { pollId: string; optionIds: string[] }, key?: string, by = this.reader()): Poll {
    return this.once(by, key, () => {
      const p = this.poll(q.pollId);
      if (this.isClosed(p)) fail('poll_closed', 'This poll is closed.');
      if (p.ballots.has(by.key)) fail('already_voted', 'You have already voted in this poll.');
      const ids = q.optionIds;
      const max = p.multiple ? p.maxChoices : 1;
      // Option ids are unique, so a repeated or unknown id leaves fewer chosen options than ids.
      const chosen = p.options.filter((o) => ids.includes(o.id));
      if (ids.length === 0) fail('validation', 'Choose an option.');
      if (chosen.length !== ids.length) fail('validation', 'That choice is not one of the options.');
      if (ids.length > max) fail('validation', `Choose at most ${max}.`);
      for (const o of chosen) o.votes++;
      p.ballots.set(by.key, [...ids]);
      return p;
    }, (p) => this.pollView(p, by));
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

  /** Tells every subscriber, as the public sees the comment: no reader's own flags. */
  private tell(change: 'created' | 'updated' | 'deleted', c: Stored): void {
    this.emit({ type: `comment-${change}`, comment: this.view(c, null) });
  }

  /**
   * Runs `op` once per reader and idempotency key: a retry with the same key does not repeat it,
   * and gets the first one's stored result again, shown as it is now.
   */
  private once<S, T>(by: Reader, key: string | undefined, op: () => S, show: (stored: S) => T): T {
    const scoped = key && `${by.key} ${key}`;
    const stored = scoped && this.done.has(scoped) ? (this.done.get(scoped) as S) : op();
    if (scoped) this.done.set(scoped, stored);
    return show(stored);
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

  private own(id: string, by: Reader): Stored {
    const c = this.find(id);
    return c.writer === by.key ? c : fail('forbidden', 'You can only change your own comments.');
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
  private isVisible(c: Stored, by: Reader): boolean {
    if (c.status === 'published') return true;
    if (c.status === 'pending') return c.writer === by.key || isModerator(by);
    return [...this.comments.values()].some((r) => r.parentId === c.id && this.isVisible(r, by));
  }

  private isClosed(p: StoredPoll): boolean {
    // `Date.parse(null)` is NaN, which is never at or before now.
    return p.closed || Date.parse(p.closesAt!) <= +this.now();
  }

  /**
   * A copy of the comment as the reader sees it (`null`: as the public, in live events): whether
   * they liked it and wrote it; a deleted one is an empty placeholder; a moderator also sees how
   * many reported it, and why.
   */
  private view(c: Stored, by: Reader | null): Comment {
    const { writer, likedBy, ...comment } = c;
    const deleted = c.status === 'deleted';
    const flags = by ? { viewerLiked: !deleted && likedBy.has(by.key), viewerCanEdit: !deleted && writer === by.key } : {};
    const shown: Comment = deleted
      ? { ...comment, body: '', author: { id: 'deleted', name: '', avatarUrl: null, url: null, roles: [] }, likes: 0, ...flags }
      : { ...comment, ...flags };
    const reasons = by && isModerator(by) ? this.reportsOf(c.id) : null;
    return structuredClone(reasons ? { ...shown, reports: reasons.length, ...(reasons.length && { reportReasons: reasons }) } : shown);
  }

  /** A copy of the poll as the reader sees it: their ballot, and votes hidden until `resultsVisibility` allows. */
  private pollView(p: StoredPoll, by: Reader): Poll {
    const { ballots, ...poll } = p;
    const viewerVote = ballots.get(by.key) ?? null;
    const closed = this.isClosed(p);
    const shown = closed || p.resultsVisibility === 'always' || (p.resultsVisibility === 'after-vote' && !!viewerVote);
    return structuredClone({
      ...poll,
      options: p.options.map((o) => ({ ...o, votes: shown ? o.votes : null })),
      maxChoices: p.multiple ? p.maxChoices : 1,
      totalVotes: shown ? p.options.reduce((n, o) => n + o.votes, 0) : null,
      closed,
      viewerVote,
    });
  }
}

const isModerator = (by: Reader): boolean => !!by.viewer?.roles?.includes('moderator');

function mustModerate(by: Reader): void {
  if (!isModerator(by)) fail('forbidden', 'Only moderators can do that.');
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
