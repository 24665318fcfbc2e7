/** The wire shapes of SPEC section 2, as the server sends them. */

export interface Author {
  id: string;
  name: string;
  avatarUrl: string | null;
  url: string | null;
  roles: string[];
}

export type CommentStatus = 'published' | 'pending' | 'deleted';

export interface Comment {
  id: string;
  threadId: string;
  parentId: string | null;
  author: Author;
  body: string;
  createdAt: string;
  editedAt: string | null;
  status: CommentStatus;
  likes: number;
  /** Left out of live events, which every reader receives alike. */
  viewerLiked?: boolean;
  viewerCanEdit?: boolean;
  pinned: boolean;
  /** To moderators only. */
  reports?: number;
  reportReasons?: string[];
}

export interface CommentPage {
  comments: Comment[];
  nextCursor: string | null;
  total: number;
}

export interface Viewer {
  id: string;
  name: string;
  avatarUrl?: string | null;
  roles: string[];
}

export interface Session {
  viewer: Viewer | null;
  allowAnonymous: boolean;
  maxLength: number;
}

export interface Poll {
  id: string;
  question: string;
  options: { id: string; label: string; votes: number | null }[];
  multiple: boolean;
  maxChoices: number;
  totalVotes: number | null;
  closesAt: string | null;
  closed: boolean;
  resultsVisibility: 'always' | 'after-vote' | 'after-close';
  viewerVote: string[] | null;
}

export type SortOrder = 'newest' | 'oldest' | 'top';

export interface ThreadEvent {
  type: 'comment-created' | 'comment-updated' | 'comment-deleted';
  comment: Comment;
}

/** Who is asking: every rule that depends on the reader reads this. */
export interface Reader {
  /** Owns comments, likes, reports and ballots: `u:<sub>`, `v:<visitor id>` or `admin`. */
  key: string;
  /** Null for an anonymous visitor. */
  viewer: Viewer | null;
  /** The author's link, from the token's `url`. */
  url: string | null;
  moderator: boolean;
  /** The client's address, for rate limits. */
  ip: string;
}
