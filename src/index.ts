/**
 * The package's entry (`import 'experience-widgets'`): defines the elements, then exports
 * everything public. The provider is defined first, so that widgets inside it find it at once.
 * Every module it re-exports is free of side effects; only the `define` modules register tags.
 */
import './provider/define.js';
import './comments/define.js';
import './poll/define.js';
import './count/define.js';
import './moderation/define.js';

export { ExperienceComments } from './comments/element.js';
export { ArticlePoll } from './poll/element.js';
export { ExperienceProvider } from './provider/element.js';
export { ExperienceCommentCount } from './count/element.js';
export { ExperienceModeration } from './moderation/element.js';
export { defaultModerationStrings, type ModerationStrings } from './moderation/strings.js';
export { ExperienceWidget } from './provider/widget.js';
export { RestAdapter, type RestAdapterOptions } from './adapters/rest.js';
export { MemoryAdapter, type MemoryAdapterOptions } from './adapters/memory.js';
export type { EngineOptions, SeedPoll } from './adapters/engine.js';
export { AdapterError, type AdapterErrorCode, type AdapterErrorInit } from './model/errors.js';
export type * from './model/types.js';
export { defaultPollStrings, type PollStrings } from './poll/strings.js';
export { PollReadyEvent, PollVotedEvent, PollErrorEvent } from './poll/events.js';
export { pollStore, type PollState, type PollStore, type PollNotice } from './stores/poll.js';
export { defaultCommentsStrings, type CommentsStrings } from './comments/strings.js';
export { CommentsReadyEvent, CommentPostedEvent, CommentsErrorEvent, type CommentsOperation } from './comments/events.js';
export { countStore, type CountState } from './stores/counts.js';
export { defaultCountStrings, type CountStrings } from './count/strings.js';
export { threadStore, type ThreadState, type ThreadStore, type ThreadNode, type ThreadComment, type ThreadQuery } from './stores/thread.js';
export { registerStrings } from './i18n/registry.js';
export type { StringTable } from './widgets.js';
