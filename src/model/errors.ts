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
  status?: number;
  code: AdapterErrorCode;
  retryAfter?: number;

  constructor(init: AdapterErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
  }

  /** Any thrown value as an AdapterError, so that callers handle one shape. */
  static from(e: unknown): AdapterError {
    if (e instanceof AdapterError) return e;
    if (e instanceof DOMException && e.name === 'AbortError') return abortedError(e);
    if (e instanceof DOMException && e.name === 'TimeoutError') {
      return new AdapterError({ code: 'timeout', message: 'The server took too long to answer.', cause: e });
    }
    const message = e instanceof Error ? e.message : String(e);
    return new AdapterError({ code: 'network', message: message || 'The network request failed.', cause: e });
  }
}

/** The HTTP status that goes with each code, for servers built on the shared rules. */
export const statusOf: Record<string, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  already_voted: 409,
  poll_closed: 409,
  conflict: 409,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  server_error: 500,
};

/** The code a server answer of this status means when its body names none. */
export function codeOfStatus(status: number): AdapterErrorCode {
  if (status === 409) return 'conflict';
  for (const [code, s] of Object.entries(statusOf)) if (s === status) return code;
  return status >= 500 ? 'server_error' : 'bad_request';
}

/** What a call rejects with when its caller aborted it. */
export const abortedError = (cause?: unknown): AdapterError =>
  new AdapterError({ code: 'aborted', message: 'The request was aborted.', cause });
