import { AdapterError } from './errors.js';
import type { Comment, CommentPage, ModerationPage, Poll, Session, ThreadEvent } from './types.js';

/**
 * Checks of what comes over the wire. A body of the wrong shape becomes an AdapterError with code
 * `bad_response`, so that the widgets show a message instead of throwing while rendering.
 */

type Check = (v: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
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
  createdAt: str,
  editedAt: optional(str),
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
  closesAt: nullable(str),
  closed: bool,
  resultsVisibility: oneOf('always', 'after-vote', 'after-close'),
  viewerVote: nullable(arrayOf(str)),
});

const threadEvent = shape({
  type: oneOf('comment-created', 'comment-updated', 'comment-deleted'),
  comment,
});

function expect<T>(check: Check, what: string) {
  return (v: unknown): T => {
    if (!check(v)) {
      throw new AdapterError({ code: 'bad_response', message: `The server sent something that is not a ${what}.` });
    }
    return v as T;
  };
}

export const asComment = expect<Comment>(comment, 'comment');
export const asCommentPage = expect<CommentPage>(page, 'page of comments');
export const asSession = expect<Session>(session, 'session');
export const asPoll = expect<Poll>(poll, 'poll');
export const asThreadEvent = expect<ThreadEvent>(threadEvent, 'thread event');
export const asModerationPage = expect<ModerationPage>(moderationPage, 'page of the moderation queue');
export const asCounts = expect<{ counts: Record<string, number> }>(counts, 'set of comment counts');
