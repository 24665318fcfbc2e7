import type { CommentsErrorEvent, CommentsReadyEvent } from './comments/events.js';
import type { CommentsStrings } from './comments/strings.js';
import type { CountStrings } from './count/strings.js';
import type { ModerationStrings } from './moderation/strings.js';
import type { PollErrorEvent, PollReadyEvent } from './poll/events.js';
import type { PollStrings } from './poll/strings.js';

/**
 * What spans the widgets, assembled here, above them, so that the layers below (`i18n`, `ui`)
 * never import a widget.
 */

/** Every string of every widget (their keys never clash): what a complete locale such as `es` provides. */
export type StringTable = CommentsStrings & PollStrings & CountStrings & ModerationStrings;

declare global {
  interface GlobalEventHandlersEventMap {
    /** `<experience-comments>`: the first page arrived; `<article-poll>`: the poll loaded. */
    'experience-ready': CommentsReadyEvent | PollReadyEvent;
    /** A call of either widget failed. */
    'experience-error': CommentsErrorEvent | PollErrorEvent;
  }
}
