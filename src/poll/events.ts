import type { AdapterError } from '../model/errors.js';
import type { Poll } from '../model/types.js';
import { eventInit } from '../ui/events.js';

/** `experience-ready`: the poll has loaded. */
export class PollReadyEvent extends CustomEvent<{ poll: Poll }> {
  constructor(poll: Poll) {
    super('experience-ready', eventInit({ poll }));
  }
}

/** `experience-poll-voted`: the server counted this reader's vote. */
export class PollVotedEvent extends CustomEvent<{ poll: Poll; optionIds: string[] }> {
  constructor(poll: Poll, optionIds: string[]) {
    super('experience-poll-voted', eventInit({ poll, optionIds }));
  }
}

/** `experience-error`: loading the poll or sending a vote failed. */
export class PollErrorEvent extends CustomEvent<{ operation: 'load' | 'vote'; error: AdapterError }> {
  constructor(operation: 'load' | 'vote', error: AdapterError) {
    super('experience-error', eventInit({ operation, error }));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'experience-poll-voted': PollVotedEvent;
  }
}
