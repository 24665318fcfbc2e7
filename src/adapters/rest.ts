import { AdapterError, abortedError, codeOfStatus } from '../model/errors.js';
import type {
  Adapter,
  CallOptions,
  Comment,
  CommentPage,
  ListCommentsQuery,
  NewComment,
  Poll,
  Session,
  ThreadEvent,
} from '../model/types.js';
import { asComment, asCommentPage, asPoll, asSession, asThreadEvent } from '../model/validate.js';

export interface RestAdapterOptions {
  /** The API base, absolute (`https://api.example.com/v1`) or relative to the page (`/api`). */
  endpoint: string;
  /** Called before every request; its token is sent as `Authorization: Bearer <token>`. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Passed through to `fetch` (and `include` makes the live stream send cookies). */
  credentials?: RequestCredentials;
  /** The `fetch` to use; the page's by default. */
  fetch?: typeof fetch;
  /** Milliseconds before a request is given up with code `timeout`. Default 15,000. */
  timeout?: number;
  /** Milliseconds before the first retry of a failed GET; doubled for the next. Default 400. */
  retryDelay?: number;
  /** The longest `Retry-After`, in seconds, that a GET waits out before retrying. Default 10. */
  maxRetryAfter?: number;
}

const TRIES = 3;

/** An idempotency key; `crypto.randomUUID` exists only in secure contexts, this works in all. */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal.reason));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(abortedError(signal.reason));
    }, { once: true });
  });
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date. */
function retryAfterOf(res: Response): number | undefined {
  const h = res.headers.get('Retry-After');
  if (!h) return undefined;
  const s = /^\d+$/.test(h.trim()) ? Number(h) : (Date.parse(h) - Date.now()) / 1000;
  return Number.isFinite(s) ? Math.max(0, Math.ceil(s)) : undefined;
}

/** Speaks the REST contract of SPEC section 5. */
export class RestAdapter implements Adapter {
  readonly endpoint: string;
  private options: RestAdapterOptions;

  constructor(options: RestAdapterOptions) {
    if (!options?.endpoint) throw new TypeError('RestAdapter needs an endpoint.');
    this.options = options;
    this.endpoint = options.endpoint.replace(/\/+$/, '');
  }

  getSession(o?: CallOptions): Promise<Session> {
    return this.request('GET', ['session'], o).then(asSession);
  }

  listComments(q: ListCommentsQuery, o?: CallOptions): Promise<CommentPage> {
    const params = new URLSearchParams({ sort: q.sort, limit: String(q.limit) });
    if (q.cursor) params.set('cursor', q.cursor);
    return this.request('GET', ['threads', q.threadId, 'comments'], o, undefined, params).then(asCommentPage);
  }

  createComment(c: NewComment, o?: CallOptions): Promise<Comment> {
    // JSON leaves `author` out when there is none.
    return this.request('POST', ['threads', c.threadId, 'comments'], o, { body: c.body, parentId: c.parentId, author: c.author }).then(asComment);
  }

  updateComment(c: { id: string; body: string }, o?: CallOptions): Promise<Comment> {
    return this.request('PATCH', ['comments', c.id], o, { body: c.body }).then(asComment);
  }

  async deleteComment(c: { id: string }, o?: CallOptions): Promise<void> {
    await this.request('DELETE', ['comments', c.id], o);
  }

  react(c: { id: string; reaction: 'like'; active: boolean }, o?: CallOptions): Promise<Comment> {
    return this.request('POST', ['comments', c.id, 'reactions'], o, { reaction: c.reaction, active: c.active }).then(asComment);
  }

  async report(c: { id: string; reason: string }, o?: CallOptions): Promise<void> {
    await this.request('POST', ['comments', c.id, 'reports'], o, { reason: c.reason });
  }

  getPoll(q: { pollId: string }, o?: CallOptions): Promise<Poll> {
    return this.request('GET', ['polls', q.pollId], o).then(asPoll);
  }

  vote(q: { pollId: string; optionIds: string[] }, o?: CallOptions): Promise<Poll> {
    return this.request('POST', ['polls', q.pollId, 'votes'], o, { optionIds: q.optionIds }).then(asPoll);
  }

  /**
   * Listens to the thread's event stream. `EventSource` reconnects by itself after a drop; when the
   * browser gives up (the stream answered with an error), this opens a new one after a growing wait.
   */
  subscribe(threadId: string, onEvent: (e: ThreadEvent) => void): () => void {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = 1000;
    const open = () => {
      source = new EventSource(this.url(['threads', threadId, 'events']), {
        withCredentials: this.options.credentials === 'include',
      });
      source.onopen = () => (wait = 1000);
      source.onmessage = (m: MessageEvent<string>) => {
        try {
          onEvent(asThreadEvent(JSON.parse(m.data)));
        } catch {
          // A malformed event is dropped; the next page load brings the truth.
        }
      };
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) return;
        timer = setTimeout(open, wait);
        wait = Math.min(wait * 2, 30_000);
      };
    };
    open();
    return () => {
      clearTimeout(timer);
      source?.close();
    };
  }

  private url(segments: string[], params?: URLSearchParams): string {
    const path = segments.map(encodeURIComponent).join('/');
    return `${this.endpoint}/${path}${params ? `?${params}` : ''}`;
  }

  private async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    segments: string[],
    o: CallOptions = {},
    body?: unknown,
    params?: URLSearchParams,
  ): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST') headers['Idempotency-Key'] = o.idempotencyKey ?? newIdempotencyKey();
    const retrying = method === 'GET';
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(method, this.url(segments, params), headers, body, o.signal);
      } catch (e) {
        const err = AdapterError.from(e);
        const transient = err.code === 'network' || err.code === 'timeout' || (err.status ?? 0) >= 500;
        const wait = err.code === 'rate_limited'
          ? (err.retryAfter ?? 1) <= (this.options.maxRetryAfter ?? 10) ? (err.retryAfter ?? 1) * 1000 : -1
          : transient ? (this.options.retryDelay ?? 400) * 2 ** (attempt - 1) : -1;
        if (!retrying || attempt >= TRIES || wait < 0) throw err;
        await sleep(wait, o.signal);
      }
    }
  }

  private async send(method: string, url: string, headers: Record<string, string>, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const token = await this.options.getToken?.();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (signal?.aborted) throw abortedError(signal.reason);
    const timeout = AbortSignal.timeout(this.options.timeout ?? 15_000);
    let res: Response;
    try {
      res = await (this.options.fetch ?? fetch)(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: this.options.credentials,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (e) {
      if (signal?.aborted) throw abortedError(signal.reason);
      if (timeout.aborted) throw new AdapterError({ code: 'timeout', message: 'The server took too long to answer.', cause: e });
      throw new AdapterError({ code: 'network', message: 'Could not reach the server. Check your connection.', cause: e });
    }
    if (res.status === 204 || res.status === 202) return undefined;
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (res.ok) {
      if (data === undefined) throw new AdapterError({ status: res.status, code: 'bad_response', message: 'The server sent something that is not JSON.' });
      return data;
    }
    const error = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' && error.code ? error.code : codeOfStatus(res.status);
    // The widgets show their own text for every code but `validation`, which needs the server's.
    const message = typeof error?.message === 'string' && error.message ? error.message : `The server answered ${res.status}.`;
    const retryAfter = retryAfterOf(res);
    throw new AdapterError({ status: res.status, code, message, ...(retryAfter === undefined ? {} : { retryAfter }) });
  }
}
