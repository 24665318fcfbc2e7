/** The codes and statuses of SPEC section 5's error body, `{"error": {"code", "message"}}`. */
const statusOf = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_voted: 409,
  poll_closed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  server_error: 500,
} as const;

export type ErrorCode = keyof typeof statusOf;

/** A refusal the client is told about as it is. Anything else thrown is a 500 with no detail. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The request field at fault, for `validation`. */
    readonly field?: string,
    /** Seconds, for `rate_limited`. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = statusOf[code];
  }

  get body(): { error: { code: string; message: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const fail = (code: ErrorCode, message: string, field?: string): never => {
  throw new ApiError(code, message, field);
};
