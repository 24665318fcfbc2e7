/**
 * Codes the widgets understand. Others may come from a custom backend and are shown as a generic
 * failure.
 */
export type AdapterErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'already_voted'
  | 'poll_closed'
  | 'rate_limited'
  | 'conflict'
  | 'bad_request'
  | 'unsupported_media_type'
  | 'server_error'
  | 'bad_response'
  | 'network'
  | 'timeout'
  | 'aborted'
  /** A failure inside the widget or its adapter (a bug), not on the network or the server. */
  | 'internal'
  | (string & {});

export interface AdapterErrorInit {
  status?: number;
  code: AdapterErrorCode;
  message: string;
  /** Seconds to wait before trying again (from `Retry-After`). */
  retryAfter?: number;
  cause?: unknown;
}

/** The one way an adapter rejects. */
export class AdapterError extends Error {
  override name = 'AdapterError';
  declare status?: number;
  declare code: AdapterErrorCode;
  declare retryAfter?: number;

  constructor(init: AdapterErrorInit) {
    // `Error` takes `cause` from the init when it has one; the other fields are copied as given.
    super(init.message, init);
    Object.assign(this, init);
  }

  /**
   * Any thrown value as an AdapterError, so that callers handle one shape, named by its real cause:
   * an abort is `aborted`, a timeout `timeout`, the `TypeError` that `fetch` rejects with when the
   * network fails is `network`, and anything else (a bug: a `TypeError` or `RangeError` while
   * parsing or building) is `internal`, never "check your connection".
   */
  static from(e: unknown): AdapterError {
    if (e instanceof AdapterError) return e;
    const name = e instanceof DOMException && e.name;
    if (name === 'AbortError') return abortedError(e);
    if (name === 'TimeoutError') return new AdapterError({ code: 'timeout', message: 'The server took too long to answer.', cause: e });
    const message = e instanceof Error ? e.message : String(e);
    return new AdapterError(isFetchFailure(e)
      ? { code: 'network', message: message || 'The network request failed.', cause: e }
      : { code: 'internal', message: `Something failed inside the widget: ${serverText(message) || 'no reason given'}.`, cause: e });
  }
}

/** The most characters of a server's message that are kept: a sentence or two, never a page. */
export const MAX_MESSAGE = 300;

/**
 * A server's words fit to show: control and bidirectional characters removed, runs of spaces made
 * one, at most `MAX_MESSAGE` characters (cut at a whole code point, with an ellipsis).
 */
export function serverText(message: unknown): string {
  const clean = (typeof message === 'string' ? message : '')
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= MAX_MESSAGE) return clean;
  const cut = /[\uD800-\uDBFF]/.test(clean[MAX_MESSAGE - 2]!) ? MAX_MESSAGE - 2 : MAX_MESSAGE - 1;
  return `${clean.slice(0, cut).trimEnd()}…`;
}

/**
 * The HTTP status that goes with each code, for servers built on the shared rules. `conflict` comes
 * first of the 409s: it is the code a bare 409 means.
 */
export const statusOf: Record<string, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_voted: 409,
  poll_closed: 409,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  server_error: 500,
};

/** The code a server answer of this status means when its body names none. */
export const codeOfStatus = (status: number): AdapterErrorCode =>
  Object.keys(statusOf).find((code) => statusOf[code] === status) ?? (status < 500 ? 'bad_request' : 'server_error');

/**
 * Whether `e` is how `fetch` says the network failed: a `TypeError` with the browser's words for it
 * (Chromium "Failed to fetch", Firefox "NetworkError when attempting to fetch resource.", Safari
 * "Load failed").
 */
const isFetchFailure = (e: unknown) => e instanceof TypeError && /failed to fetch|network ?error|load failed/i.test(e.message);

/** What a call rejects with when its caller aborted it. */
export const abortedError = (cause?: unknown): AdapterError =>
  new AdapterError({ code: 'aborted', message: 'The request was aborted.', cause });
