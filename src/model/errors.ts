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

  /** Any thrown value as an AdapterError, so that callers handle one shape. */
  static from(e: unknown): AdapterError {
    if (e instanceof AdapterError) return e;
    const name = e instanceof DOMException && e.name;
    if (name === 'AbortError') return abortedError(e);
    return new AdapterError(name === 'TimeoutError'
      ? { code: 'timeout', message: 'The server took too long to answer.', cause: e }
      : { code: 'network', message: (e instanceof Error ? e.message : String(e)) || 'The network request failed.', cause: e });
  }
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

/** What a call rejects with when its caller aborted it. */
export const abortedError = (cause?: unknown): AdapterError =>
  new AdapterError({ code: 'aborted', message: 'The request was aborted.', cause });
