import { plural, type Plural } from '../i18n/intl.js';
import type { AdapterErrorCode } from '../model/errors.js';
import type { ErrorMessages } from '../ui/announcer.js';

/**
 * The English strings of `<article-poll>`. Every key starts with `poll` so that one flat table can
 * serve all widgets under a provider. Plural entries are `{one, other}` forms for
 * `Intl.PluralRules`, with `#` for the number; `{name}` placeholders are filled in.
 */
export const defaultPollStrings = {
  pollLoading: 'Loading the poll…',
  pollLoadFailed: 'The poll could not be loaded.',
  pollRetry: 'Try again',
  /** Why the poll could not be loaded, after `pollLoadFailed`. */
  pollLoadOffline: 'The server could not be reached. Check your connection and try again.',
  pollLoadSlow: 'The server took too long to answer. Please try again.',
  pollNotFound: 'There is no such poll. It may have been removed.',
  pollUnreadable: 'The server sent an answer that could not be read.',
  pollLoadAgain: 'Please try again.',
  pollServerError: 'The server had a problem. Please try again.',
  pollVote: 'Vote',
  pollVoting: 'Sending your vote…',
  /** Under a multiple-choice question. */
  pollChooseUpTo: { one: 'Choose one option.', other: 'Choose up to # options.' } as Plural,
  /** Why the remaining boxes are disabled. */
  pollLimitReached: {
    one: 'You have chosen # option, the most allowed. Unselect it to choose another.',
    other: 'You have chosen # options, the most allowed. Unselect one to choose another.',
  } as Plural,
  pollVotes: { one: '# vote', other: '# votes' } as Plural,
  pollTotal: { one: '# vote in total', other: '# votes in total' } as Plural,
  /** The mark on the viewer's own choice in the results. */
  pollYourChoice: 'Your choice',
  pollResults: 'Results',
  /** A `<details>` summary: the results before voting, when the poll shows them always. */
  pollSeeResults: 'See the results so far',
  /** `{time}` is a relative time such as "in 3 days". */
  pollClosesIn: 'Closes {time}',
  pollClosed: 'This poll is closed.',
  pollResultsAfterVote: 'The results are shown once you have voted.',
  pollResultsAfterClose: 'The results are shown when the poll closes.',
  pollVoted: 'Thank you for voting.',
  pollAlreadyVoted: 'You have already voted in this poll.',
  pollVoteFailed: 'Your vote could not be sent. Your choice is kept: please try again.',
  pollOffline: 'The server could not be reached. Your choice is kept: check your connection and try again.',
  pollSignIn: 'Please sign in to vote.',
  pollRateLimited: {
    one: 'Too many attempts. Please wait # second and try again.',
    other: 'Too many attempts. Please wait # seconds and try again.',
  } as Plural,

  /** Shown instead of the poll when it has no backend (no `endpoint`, `adapter` or provider). */
  pollNoAdapter: 'The poll cannot be shown: this page has not connected it to a server.',
};

/** The keys and kinds of `defaultPollStrings`: a plain string or plural forms. */
export type PollStrings = {
  [K in keyof typeof defaultPollStrings]: (typeof defaultPollStrings)[K] extends string ? string : Plural;
};

/** The string of a failure to vote, by its code; `rate_limited` is counted, anything else `pollVoteFailed`. */
const VOTE_ERRORS = {
  network: 'pollOffline',
  timeout: 'pollOffline',
  unauthorized: 'pollSignIn',
  forbidden: 'pollSignIn',
} satisfies Partial<Record<AdapterErrorCode, keyof PollStrings>>;

/** The string of a failure to load, by its code; anything else is `pollLoadAgain`. */
const LOAD_ERRORS = {
  network: 'pollLoadOffline',
  timeout: 'pollLoadSlow',
  not_found: 'pollNotFound',
  bad_response: 'pollUnreadable',
} satisfies Partial<Record<AdapterErrorCode, keyof PollStrings>>;

type StringKey = { [K in keyof PollStrings]: PollStrings[K] extends string ? K : never }[keyof PollStrings];

/**
 * The messages of a failure, from `t`, in `lang`: `labels` names the string of each code that has
 * one, `server` that of a server's failure (a 5xx), `otherwise` the string of every other failure;
 * `rate_limited` is counted.
 */
const errorMessages = (labels: Record<string, StringKey>, otherwise: StringKey, server = otherwise) => (t: PollStrings, lang: string): ErrorMessages => ({
  byCode: new Map(Object.entries(labels).map(([code, key]) => [code, t[key]])),
  rateLimited: t.pollRateLimited,
  // Without a `Retry-After`, a second is as good a guess as any.
  busy: plural(t.pollRateLimited, 1, lang),
  server: t[server],
  unknown: t[otherwise],
});

/** Why the poll could not be loaded. */
export const loadErrors = errorMessages(LOAD_ERRORS, 'pollLoadAgain', 'pollServerError');

/** Why a vote failed. */
export const voteErrors = errorMessages(VOTE_ERRORS, 'pollVoteFailed');
