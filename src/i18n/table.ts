import type { CommentsStrings } from '../comments/strings.js';
import type { PollStrings } from '../poll/strings.js';

/** Every string of every widget (their keys never clash): what a complete locale such as `es` provides. */
export type StringTable = CommentsStrings & PollStrings;
