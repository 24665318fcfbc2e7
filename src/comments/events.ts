import type { AdapterError } from '../model/errors.js';
import type { Comment } from '../model/types.js';
import { eventInit } from '../ui/events.js';

/**
 * The events of `<experience-comments>`: bubbling and composed, with their data in `detail`, each
 * its own class so that `instanceof` and `addEventListener` types work.
 */

/** The first page of the thread has arrived. */
export class CommentsReadyEvent extends CustomEvent<{ total: number }> {
  constructor(total: number) {
    super('experience-ready', eventInit({ total }));
  }
}

/** The server accepted a comment posted from this element (`status` is `pending` when held). */
export class CommentPostedEvent extends CustomEvent<{ comment: Comment }> {
  constructor(comment: Comment) {
    super('experience-comment-posted', eventInit({ comment }));
  }
}

/** What the element tried and why it failed. */
export type CommentsOperation = 'load' | 'post' | 'edit' | 'delete' | 'like' | 'report' | 'moderate';

/** An adapter call failed; the element shows the message, the page may log or report it. */
export class CommentsErrorEvent extends CustomEvent<{ operation: CommentsOperation; error: AdapterError }> {
  constructor(operation: CommentsOperation, error: AdapterError) {
    super('experience-error', eventInit({ operation, error }));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'experience-comment-posted': CommentPostedEvent;
  }
}
