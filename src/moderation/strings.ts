import { defaultCommentsStrings } from '../comments/strings.js';

/**
 * The strings of `<experience-moderation>`, in English: the comments' own (Approve, Reject,
 * Delete, the error messages…), so that a locale table translates both, and the queue's.
 */
export const defaultModerationStrings = {
  ...defaultCommentsStrings,
  queueTitle: 'Moderation queue',
  queueLoading: 'Loading the moderation queue…',
  queueEmpty: 'Nothing is waiting for a moderator.',
  queueSignIn: 'Sign in as a moderator to see the moderation queue.',
  queueUnsupported: 'This backend has no moderation queue.',
  /** Where a comment of the queue was posted. */
  inThread: 'In {thread}',
  reportReasons: 'Reasons given',
  /** Announced when a moderator deleted a comment. */
  deletedDone: 'The comment was deleted.',
};

export type ModerationStrings = typeof defaultModerationStrings;
