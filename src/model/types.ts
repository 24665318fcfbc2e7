/** The data model of SPEC section 2 and the adapter interfaces of section 3. */

export interface Author {
  id: string;
  name: string;
  avatarUrl?: string | null;
  url?: string | null;
  /** Open-ended; `moderator` and `author` (the article's author) are the ones every site has. */
  roles?: string[];
}

export type CommentStatus = 'published' | 'pending' | 'deleted';

export interface Comment {
  id: string;
  threadId: string;
  parentId: string | null;
  author: Author;
  /** Plain text, never HTML. */
  body: string;
  /** ISO 8601. */
  createdAt: string;
  editedAt?: string | null;
  status: CommentStatus;
  likes: number;
  viewerLiked?: boolean;
  viewerCanEdit?: boolean;
  /** Pinned roots come first in every sort. */
  pinned?: boolean;
  /** How many readers reported it; sent to moderators only. */
  reports?: number;
  /** Why, oldest first; sent to moderators only, with the comments that have reports. */
  reportReasons?: string[];
}

export interface CommentPage {
  /** One page of root comments and all their replies, flat, each with `parentId`. */
  comments: Comment[];
  nextCursor: string | null;
  /** Every visible comment in the thread. */
  total: number;
}

export interface Viewer {
  id: string;
  name: string;
  avatarUrl?: string | null;
  roles?: string[];
}

export interface Session {
  viewer: Viewer | null;
  allowAnonymous: boolean;
  /** Characters (code points) a comment may have. */
  maxLength: number;
}

export interface PollOption {
  id: string;
  label: string;
  /** `null` while results are hidden. */
  votes: number | null;
}

export type ResultsVisibility = 'always' | 'after-vote' | 'after-close';

export interface Poll {
  id: string;
  question: string;
  options: PollOption[];
  multiple: boolean;
  maxChoices: number;
  totalVotes: number | null;
  closesAt: string | null;
  closed: boolean;
  resultsVisibility: ResultsVisibility;
  viewerVote: string[] | null;
}

export type SortOrder = 'newest' | 'oldest' | 'top';

export interface CallOptions {
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`; a retry of the same operation passes the same key. */
  idempotencyKey?: string;
}

export interface ListCommentsQuery {
  threadId: string;
  sort: SortOrder;
  limit: number;
  cursor?: string | null;
}

export interface NewComment {
  threadId: string;
  parentId: string | null;
  body: string;
  /** For anonymous posting, when there is no viewer. */
  author?: { name: string; email?: string };
}

export interface ThreadEvent {
  type: 'comment-created' | 'comment-updated' | 'comment-deleted';
  comment: Comment;
}

/** What a moderator decides about a comment. */
export type ModerationAction = 'approve' | 'reject' | 'pin' | 'unpin';

/** A page of the moderation queue: pending and reported comments across every thread, newest first. */
export interface ModerationPage {
  comments: Comment[];
  nextCursor: string | null;
}

export interface CommentsAdapter {
  getSession?(o?: CallOptions): Promise<Session>;
  listComments(q: ListCommentsQuery, o?: CallOptions): Promise<CommentPage>;
  createComment(c: NewComment, o?: CallOptions): Promise<Comment>;
  updateComment?(c: { id: string; body: string }, o?: CallOptions): Promise<Comment>;
  deleteComment?(c: { id: string }, o?: CallOptions): Promise<void>;
  react?(c: { id: string; reaction: 'like'; active: boolean }, o?: CallOptions): Promise<Comment>;
  report?(c: { id: string; reason: string }, o?: CallOptions): Promise<void>;
  /** Calls `onEvent` for each change made by others; returns the function that stops it. */
  subscribe?(threadId: string, onEvent: (e: ThreadEvent) => void): () => void;
  /** A moderator's decision; answers the comment as it is now. */
  moderate?(c: { id: string; action: ModerationAction }, o?: CallOptions): Promise<Comment>;
  listModeration?(q: { cursor?: string | null; limit: number }, o?: CallOptions): Promise<ModerationPage>;
  /** Published comments per thread, for index pages; at most 100 threads a call. */
  countComments?(q: { threadIds: string[] }, o?: CallOptions): Promise<Record<string, number>>;
}

export interface PollAdapter {
  getPoll(q: { pollId: string }, o?: CallOptions): Promise<Poll>;
  vote(q: { pollId: string; optionIds: string[] }, o?: CallOptions): Promise<Poll>;
}

/** What the shipped adapters are: both interfaces in one object. */
export type Adapter = CommentsAdapter & PollAdapter;
