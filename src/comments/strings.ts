import type { AdapterErrorCode } from '../model/errors.js';
import type { SortOrder } from '../model/types.js';
import type { ErrorMessages } from '../ui/announcer.js';

/**
 * Every visible or announced string of `<experience-comments>`, in English. Replace any of them
 * through the element's `strings` property or a provider's `strings`. `{name}` placeholders are
 * filled in; plural entries are chosen by `Intl.PluralRules` in the element's locale and `#` is the
 * number, formatted for that locale.
 */
export const defaultCommentsStrings = {
  /** The section's heading while the count is not known. */
  title: 'Comments',
  /** The section's heading with the count. */
  count: { one: '# comment', other: '# comments' },
  sortLabel: 'Sort by',
  sortNewest: 'Newest',
  sortOldest: 'Oldest',
  sortTop: 'Most liked',
  loading: 'Loading comments…',
  /** Announced once the comments in the order chosen have arrived; `{order}` is its label. */
  sorted: 'Sorted by {order}',
  /** Announced once the first page has arrived. */
  loaded: { one: '# comment loaded', other: '# comments loaded' },
  empty: 'No comments yet. Start the discussion.',
  loadError: 'The comments could not be loaded.',
  retry: 'Try again',
  /** Shown instead of the composer when the session could not be fetched; the reason follows. */
  sessionFailed: 'Your sign-in could not be checked, so writing is not possible yet.',
  /** The button after a body too long to show whole, which shows the rest. */
  readMore: 'Read the rest',
  loadMore: 'Load more comments',
  loadingMore: 'Loading more comments…',
  newComments: { one: 'Show # new comment', other: 'Show # new comments' },
  showReplies: { one: 'Show # reply', other: 'Show # replies' },
  hideReplies: { one: 'Hide # reply', other: 'Hide # replies' },
  /** Labels of the two badges every site has; other roles show their own text. */
  roleModerator: 'Moderator',
  roleAuthor: 'Author',
  /** An author without a name. */
  anonymous: 'Anonymous',
  edited: 'edited',
  editedAt: 'Edited {time}',
  replyingTo: 'Replying to {name}',
  deleted: 'This comment was deleted.',
  deletedLabel: 'Deleted comment',
  pending: 'Awaiting moderation',
  sending: 'Sending…',
  likes: { one: '# like', other: '# likes' },
  like: 'Like',
  reply: 'Reply',
  edit: 'Edit',
  delete: 'Delete',
  report: 'Report',
  cancel: 'Cancel',
  /**
   * The accessible names of the actions: each begins with the button's visible text (for voice
   * control) and says whose comment it acts on. `{name}` is the author's name.
   */
  likeName: "Like {name}'s comment",
  replyName: 'Reply to {name}',
  editName: 'Edit your comment',
  reportName: "Report {name}'s comment",
  deleteOwnName: 'Delete your comment',
  deleteName: "Delete {name}'s comment",
  approveName: "Approve {name}'s comment",
  rejectName: "Reject {name}'s comment",
  pinName: "Pin {name}'s comment",
  unpinName: "Unpin {name}'s comment",
  // The composer.
  commentLabel: 'Your comment',
  replyLabel: 'Reply to {name}',
  editLabel: 'Edit your comment',
  nameLabel: 'Your name',
  post: 'Post comment',
  postReply: 'Post reply',
  save: 'Save',
  /** A hint next to the send button, shown where a physical keyboard is likely; `{key}` is `keyCtrl` or, on Apple systems, `keyCmd`. */
  shortcut: '{key}+Enter to send',
  keyCtrl: 'Ctrl',
  keyCmd: '⌘',
  charsLeft: { one: '# character left', other: '# characters left' },
  charsOver: { one: '# character too many', other: '# characters too many' },
  signIn: 'Sign in to join the discussion.',
  needText: 'Write something before sending.',
  needName: 'Please give your name.',
  posted: 'Your comment was posted.',
  awaiting: 'Thank you. Your comment is awaiting moderation.',
  saved: 'Your changes were saved.',
  /** A failed post, edit, delete, like or report; `{reason}` is one of the error messages below. */
  failed: 'Not sent. {reason}',
  deleteConfirm: 'Delete this comment?',
  removed: 'Your comment was deleted.',
  reportLabel: 'What is wrong with this comment?',
  reportSend: 'Send report',
  reported: 'Thank you. A moderator will look at this comment.',
  /** A moderator's tools in the thread. */
  approve: 'Approve',
  reject: 'Reject',
  pin: 'Pin',
  unpin: 'Unpin',
  /** The mark on a pinned comment. */
  pinnedMark: 'Pinned',
  /** A moderator's view of a comment's reports. */
  reportCount: { one: 'Reported once', other: 'Reported # times' },
  /** The count and the reasons readers gave, `; `-separated. */
  reportsWhy: '{count}: {reasons}',
  approved: 'The comment was approved and is now shown to everyone.',
  rejected: 'The comment was rejected.',
  pinned: 'The comment was pinned to the top.',
  unpinned: 'The comment was unpinned.',
  /** Announced when a moderator deleted someone else's comment. */
  deletedDone: 'The comment was deleted.',
  // One message per `AdapterError` code.
  errorNetwork: 'Could not reach the server. Check your connection and try again.',
  errorTimeout: 'The server took too long to answer. Please try again.',
  errorServer: 'The server had a problem. Please try again.',
  errorBadResponse: 'The server sent an answer that could not be read.',
  errorNotFound: 'This could not be found. It may have been deleted.',
  errorUnauthorized: 'Please sign in first.',
  errorForbidden: 'You are not allowed to do that.',
  errorRateLimited: { one: 'Too many attempts. Please wait # second.', other: 'Too many attempts. Please wait # seconds.' },
  errorBusy: 'Too many attempts. Please wait a moment.',
  /** `{message}` is the server's own explanation. */
  errorValidation: '{message}',
  errorUnknown: 'Something went wrong. Please try again.',

  // A reader's words kept (issue #14).
  replyGone: 'The comment you were replying to was deleted. Your text is kept: you can post it as a new comment.',
  editGone: 'This comment was deleted. Your text is kept: you can post it as a new comment.',
  replayed: 'Your comment was already posted as it first read. Your newer text is kept here: post it as a new comment, or edit it into the one posted.',

  /** Shown instead of the widget when it has no backend (no `endpoint`, `adapter` or provider). */
  noAdapter: 'The comments cannot be shown: this page has not connected them to a server.',
};

export type CommentsStrings = typeof defaultCommentsStrings;

/** The label of each order in the sort control. */
export const SORT_LABELS: Record<SortOrder, 'sortNewest' | 'sortOldest' | 'sortTop'> = {
  newest: 'sortNewest',
  oldest: 'sortOldest',
  top: 'sortTop',
};

/** The message of each error code that has one of its own; `rate_limited` and `validation` are worded from the error. */
const ERROR_LABELS = {
  network: 'errorNetwork',
  timeout: 'errorTimeout',
  server_error: 'errorServer',
  bad_response: 'errorBadResponse',
  not_found: 'errorNotFound',
  unauthorized: 'errorUnauthorized',
  forbidden: 'errorForbidden',
} satisfies Partial<Record<AdapterErrorCode, keyof CommentsStrings>>;

/** The messages of failures, from `s`. */
/** The messages of failures in the strings `s`. */
const errorsOf = (s: CommentsStrings): ErrorMessages => ({
  byCode: new Map(Object.entries(ERROR_LABELS).map(([code, key]) => [code, s[key]])),
  validation: s.errorValidation,
  rateLimited: s.errorRateLimited,
  busy: s.errorBusy,
  server: s.errorServer,
  unknown: s.errorUnknown,
});

const errorsByTable = new WeakMap<CommentsStrings, ErrorMessages>();

/** The messages of failures in the strings `s`, made once per table. */
export function commentsErrors(s: CommentsStrings): ErrorMessages {
  let errors = errorsByTable.get(s);
  if (!errors) errorsByTable.set(s, (errors = errorsOf(s)));
  return errors;
}
