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

  /** Shown instead of the queue when it has no backend (no `endpoint`, `adapter` or provider). */
  queueNoAdapter: 'The moderation queue cannot be shown: this page has not connected it to a server.',
};

export type ModerationStrings = typeof defaultModerationStrings;
