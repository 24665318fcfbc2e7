import { AdapterError } from './errors.js';
import type { Comment, CommentPage, ModerationPage, Poll, Session, ThreadEvent } from './types.js';

/**
 * Checks of what comes over the wire. A body of the wrong shape becomes an AdapterError with code
 * `bad_response`, so that the widgets show a message instead of throwing while rendering. What
 * passes is also bounded to sense, in a copy (the input is never changed): counts are whole numbers
 * from 0 to `MAX_COUNT`, a date more than a day ahead (a server's clock gone wrong) is now, a name
 * is at most `MAX_NAME` characters, and a page holds at most `MAX_PAGE` comments and, when the
 * caller says how many it asked for, no more roots than that.
 */

type Check = (v: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
/** A date that `Date.parse` reads (an unreadable one would show as "Invalid Date"). */
const date: Check = (v) => typeof v === 'string' && Number.isFinite(Date.parse(v));
/** A number that JSON can carry (`Number.isFinite` is false for anything that is not a number). */
const num: Check = Number.isFinite;
const bool: Check = (v) => typeof v === 'boolean';
const optional = (c: Check): Check => (v) => v == null || c(v);
const nullable = (c: Check): Check => (v) => v === null || c(v);
const arrayOf = (c: Check): Check => (v) => Array.isArray(v) && v.every(c);
const oneOf = (...values: string[]): Check => (v) => values.includes(v as string);
/**
 * An object with these fields. Every shape has a required field, which `null`, a primitive or an
 * array never has, so those fail on it.
 */
const shape = (fields: Record<string, Check>): Check => (v) =>
  Object.entries(fields).every(([k, c]) => c((v as Record<string, unknown> | null | undefined)?.[k]));

/** An author; also the shape of the session's viewer (which has no `url`). */
const author = shape({
  id: str,
  name: str,
  avatarUrl: optional(str),
  url: optional(str),
  roles: optional(arrayOf(str)),
});

const comment = shape({
  id: str,
  threadId: str,
  parentId: nullable(str),
  author,
  body: str,
  createdAt: date,
  editedAt: optional(date),
  status: oneOf('published', 'pending', 'deleted'),
  likes: num,
  viewerLiked: optional(bool),
  viewerCanEdit: optional(bool),
  pinned: optional(bool),
  reports: optional(num),
  reportReasons: optional(arrayOf(str)),
});

const moderationPage = shape({
  comments: arrayOf(comment),
  nextCursor: nullable(str),
});

/** `{"counts": {"thread": 12, …}}`: an object of numbers, looked up by own keys only. */
const counts = shape({
  counts: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(num),
});

const page = shape({ comments: arrayOf(comment), nextCursor: nullable(str), total: num });

const session = shape({ viewer: nullable(author), allowAnonymous: bool, maxLength: num });

const poll = shape({
  id: str,
  question: str,
  options: arrayOf(shape({ id: str, label: str, votes: nullable(num) })),
  multiple: bool,
  maxChoices: num,
  totalVotes: nullable(num),
  closesAt: nullable(date),
  closed: bool,
  resultsVisibility: oneOf('always', 'after-vote', 'after-close'),
  viewerVote: nullable(arrayOf(str)),
});

const threadEvent = shape({
  type: oneOf('comment-created', 'comment-updated', 'comment-deleted'),
  comment,
});

const refuse = (message: string) => new AdapterError({ code: 'bad_response', message });

function expect<T>(check: Check, what: string, bound: (v: T, now: number) => T) {
  return (v: unknown): T => {
    if (!check(v)) throw refuse(`The server sent something that is not a ${what}.`);
    return bound(v as T, Date.now());
  };
}

/** The largest count shown: a trillion likes, votes or comments is past any real thread. */
export const MAX_COUNT = 1e12;
/** The most comments one page may hold, roots and replies together. */
export const MAX_PAGE = 10_000;
/** The most characters of a name shown. */
export const MAX_NAME = 100;
/** The most roles shown on one author. */
const MAX_ROLES = 10;
/** How far ahead a comment's date may be before it is taken as now (clocks differ by minutes, not days). */
const AHEAD = 86_400_000;
/** How far ahead a poll may close before it is shown as having no closing time (a century: "in 7,978 years" is a typo). */
const FAR = 100 * 365 * AHEAD;

/** A count as whole number from 0 to `MAX_COUNT`. */
const count = (n: number) => Math.min(MAX_COUNT, Math.max(0, Math.floor(n)));
const countOrNull = (n: number | null) => (n === null ? null : count(n));
/** `iso`, or now when it is more than `ahead` milliseconds past now. */
const notAhead = (iso: string, now: number, ahead = AHEAD) => (Date.parse(iso) - now > ahead ? new Date(now).toISOString() : iso);
/** `text` cut at `max` code points, with an ellipsis. */
const cut = (text: string, max: number) => (text.length <= max ? text : [...text].slice(0, max - 1).join('') + '…');

function boundAuthor<A extends { name: string; roles?: string[] }>(a: A): A {
  const roles = a.roles && a.roles.length > MAX_ROLES ? { roles: a.roles.slice(0, MAX_ROLES) } : {};
  return { ...a, name: cut(a.name, MAX_NAME), ...roles };
}

function boundComment(c: Comment, now: number): Comment {
  const bounded: Comment = { ...c, author: boundAuthor(c.author), likes: count(c.likes), createdAt: notAhead(c.createdAt, now) };
  if (c.editedAt) bounded.editedAt = notAhead(c.editedAt, now);
  if (c.reports != null) bounded.reports = count(c.reports);
  return bounded;
}

function boundComments(comments: Comment[], now: number): Comment[] {
  if (comments.length > MAX_PAGE) {
    throw refuse(`The server sent ${comments.length} comments in one page; at most ${MAX_PAGE} are taken.`);
  }
  return comments.map((c) => boundComment(c, now));
}

export const asComment = expect<Comment>(comment, 'comment', boundComment);
export const asSession = expect<Session>(session, 'session', (s) => ({
  ...s,
  viewer: s.viewer && boundAuthor(s.viewer),
  maxLength: Math.max(1, Math.min(1_000_000, Math.floor(s.maxLength))),
}));
export const asPoll = expect<Poll>(poll, 'poll', (p, now) => ({
  ...p,
  options: p.options.map((o) => ({ ...o, votes: countOrNull(o.votes) })),
  totalVotes: countOrNull(p.totalVotes),
  maxChoices: Math.max(1, Math.min(p.options.length, Math.floor(p.maxChoices))),
  closesAt: p.closesAt && Date.parse(p.closesAt) - now > FAR ? null : p.closesAt,
}));
export const asThreadEvent = expect<ThreadEvent>(threadEvent, 'thread event', (e, now) => ({ ...e, comment: boundComment(e.comment, now) }));
export const asModerationPage = expect<ModerationPage>(moderationPage, 'page of the moderation queue', (p, now) => ({
  ...p,
  comments: boundComments(p.comments, now),
}));
/** The counts in an object without a prototype, so that a thread called `constructor` finds only its own count. */
export const asCounts = expect<{ counts: Record<string, number> }>(counts, 'set of comment counts', (c) => ({
  counts: Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries(Object.entries(c.counts).map(([k, n]) => [k, count(n)]))),
}));

const checkPage = expect<CommentPage>(page, 'page of comments', (p, now) => ({
  ...p,
  comments: boundComments(p.comments, now),
  total: count(p.total),
}));

/** A page of comments; with `limit` (what was asked for), one with more roots than that is refused. */
export function asCommentPage(v: unknown, limit?: number): CommentPage {
  const p = checkPage(v);
  const roots = limit === undefined ? 0 : p.comments.filter((c) => c.parentId === null).length;
  if (limit !== undefined && roots > limit) {
    throw refuse(`The server sent ${roots} comments at the top level where at most ${limit} were asked for.`);
  }
  return p;
}
