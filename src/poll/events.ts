import type { AdapterError } from '../model/errors.js';
import type { Poll } from '../model/types.js';

const init = <T>(detail: T): CustomEventInit<T> => ({ bubbles: true, composed: true, detail });

/** `experience-ready`: the poll has loaded. */
export class PollReadyEvent extends CustomEvent<{ poll: Poll }> {
  constructor(poll: Poll) {
    super('experience-ready', init({ poll }));
  }
}

/** `experience-poll-voted`: the server counted this reader's vote. */
export class PollVotedEvent extends CustomEvent<{ poll: Poll; optionIds: string[] }> {
  constructor(poll: Poll, optionIds: string[]) {
    super('experience-poll-voted', init({ poll, optionIds }));
  }
}

/** `experience-error`: loading the poll or sending a vote failed. */
export class PollErrorEvent extends CustomEvent<{ operation: 'load' | 'vote'; error: AdapterError }> {
  constructor(operation: 'load' | 'vote', error: AdapterError) {
    super('experience-error', init({ operation, error }));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'experience-poll-voted': PollVotedEvent;
  }
}
