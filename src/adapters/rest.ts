import { AdapterError, abortedError, codeOfStatus, serverText } from '../model/errors.js';
import type {
  Adapter,
  CallOptions,
  Comment,
  CommentPage,
  ListCommentsQuery,
  ModerationAction,
  ModerationPage,
  NewComment,
  Poll,
  Session,
  ThreadEvent,
} from '../model/types.js';
import { asComment, asCommentPage, asCounts, asModerationPage, asPoll, asSession, asThreadEvent } from '../model/validate.js';
import { newIdempotencyKey, sleep } from '../util.js';

export interface RestAdapterOptions {
  /** The API base, absolute (`https://api.example.com/v1`) or relative to the page (`/api`). */
  endpoint: string;
  /** Called before every request; its token is sent as `Authorization: Bearer <token>`. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Passed through to `fetch` (and `include` makes the live stream send cookies). */
  credentials?: RequestCredentials;
  /** The `fetch` to use; the page's by default. */
  fetch?: typeof fetch;
  /**
   * Milliseconds before a call is given up with code `timeout`, its retries included: the reader
   * hears within this time why nothing came. Default 10,000.
   */
  timeout?: number;
  /** The largest answer taken, in bytes; a larger one is `bad_response`, never read whole. Default 2 MB. */
  maxBytes?: number;
  /** Milliseconds before the first retry of a failed GET; doubled for the next. Default 400. */
  retryDelay?: number;
  /** The longest `Retry-After`, in seconds, that a GET waits out before retrying. Default 10. */
  maxRetryAfter?: number;
}

/** A path whose interpolated values are URL-encoded: path`comments/${id}`. */
const path = (parts: TemplateStringsArray, ...values: (string | number)[]): string =>
  String.raw({ raw: parts }, ...values.map(encodeURIComponent));

/** A string that is not empty, or `false`. */
const text = (v: unknown) => typeof v === 'string' && v;

/** The longest wait a `Retry-After` is taken at: an hour. */
const MAX_RETRY_AFTER = 3600;

/**
 * `Retry-After` as seconds: a number of seconds or an HTTP date, from 1 (a 0, a negative number or a
 * date gone by is still "wait") to an hour (a server's "ten billion seconds" is not believed).
 */
function retryAfterOf(res: Response): number | undefined {
  const h = res.headers.get('Retry-After')?.trim();
  const s = !h ? NaN : /^-?\d+(\.\d+)?$/.test(h) ? Number(h) : (Date.parse(h) - Date.now()) / 1000;
  return Number.isFinite(s) ? Math.min(MAX_RETRY_AFTER, Math.max(1, Math.ceil(s))) : undefined;
}

/**
 * Whether a route's path has a `.` or `..` segment (an id that is just that): browsers resolve them
 * away, even encoded (`%2E%2E`), so the request would go to another route.
 */
const resolvesAway = (route: string) => route.split('?')[0]!.split('/').some((segment) => segment === '.' || segment === '..');

/** The default of `maxBytes`: 2 MB, a hundred full pages of comments. */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * The body of `res` as text, or `null` when it is larger than `max` bytes: refused at once from its
 * `Content-Length`, else after `max` bytes of the stream, whose rest is never downloaded.
 */
async function readBody(res: Response, max: number): Promise<string | null> {
  if (Number(res.headers.get('Content-Length')) > max || !res.body) {
    void res.body?.cancel();
    return res.body ? null : '';
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > max) {
      void reader.cancel();
      return null;
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text + decoder.decode();
}

/** Statuses after which a live stream is not opened again: it does not exist, or the reader may not see it. */
const FINAL_STREAM_STATUSES = [401, 403, 404, 410];

const EVENT_TYPES: ThreadEvent['type'][] = ['comment-created', 'comment-updated', 'comment-deleted'];

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
    return this.request('GET', 'session', o, asSession);
  }

  listComments(q: ListCommentsQuery, o?: CallOptions): Promise<CommentPage> {
    const cursor = q.cursor ? path`&cursor=${q.cursor}` : '';
    // A page with more roots than asked for is refused: a server that ignores `limit` cannot flood the page.
    return this.request('GET', path`threads/${q.threadId}/comments?sort=${q.sort}&limit=${q.limit}` + cursor, o, (d) => asCommentPage(d, q.limit));
  }

  createComment(c: NewComment, o?: CallOptions): Promise<Comment> {
    // JSON leaves `author` out when there is none.
    return this.request('POST', path`threads/${c.threadId}/comments`, o, asComment, { body: c.body, parentId: c.parentId, author: c.author });
  }

  updateComment(c: { id: string; body: string }, o?: CallOptions): Promise<Comment> {
    return this.request('PATCH', path`comments/${c.id}`, o, asComment, { body: c.body });
  }

  deleteComment(c: { id: string }, o?: CallOptions): Promise<void> {
    return this.request('DELETE', path`comments/${c.id}`, o);
  }

  react(c: { id: string; reaction: 'like'; active: boolean }, o?: CallOptions): Promise<Comment> {
    return this.request('POST', path`comments/${c.id}/reactions`, o, asComment, { reaction: c.reaction, active: c.active });
  }

  report(c: { id: string; reason: string }, o?: CallOptions): Promise<void> {
    return this.request('POST', path`comments/${c.id}/reports`, o, undefined, { reason: c.reason });
  }

  moderate(c: { id: string; action: ModerationAction }, o?: CallOptions): Promise<Comment> {
    return this.request('POST', path`comments/${c.id}/moderation`, o, asComment, { action: c.action });
  }

  listModeration(q: { cursor?: string | null; limit: number }, o?: CallOptions): Promise<ModerationPage> {
    const cursor = q.cursor ? path`&cursor=${q.cursor}` : '';
    return this.request('GET', path`moderation?limit=${q.limit}` + cursor, o, asModerationPage);
  }

  /** One request for up to 100 threads: `counts?threads=a,b`, each id encoded (a comma in one is %2C). */
  async countComments(q: { threadIds: string[] }, o?: CallOptions): Promise<Record<string, number>> {
    const threads = q.threadIds.map(encodeURIComponent).join(',');
    return (await this.request('GET', `counts?threads=${threads}`, o, asCounts)).counts;
  }

  getPoll(q: { pollId: string }, o?: CallOptions): Promise<Poll> {
    return this.request('GET', path`polls/${q.pollId}`, o, asPoll);
  }

  vote(q: { pollId: string; optionIds: string[] }, o?: CallOptions): Promise<Poll> {
    return this.request('POST', path`polls/${q.pollId}/votes`, o, asPoll, { optionIds: q.optionIds });
  }

  /**
   * Listens to the thread's event stream. `EventSource` reconnects by itself after a drop; when the
   * browser gives up (the stream answered with an error), this opens a new one after a growing wait.
   * A stream refused before it ever opened is asked once for its status, which `EventSource` does
   * not tell: after a 401, 403, 404 or 410 it is not opened again.
   */
  subscribe(threadId: string, onEvent: (e: ThreadEvent) => void): () => void {
    let source: EventSource;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = 1000;
    const url = `${this.endpoint}/${path`threads/${threadId}/events`}`;
    const withCredentials = this.options.credentials === 'include';
    const stopped = new AbortController();
    /** The stream's status now (0 when it cannot be reached); the stream itself is not read. */
    const statusOfStream = async () => {
      const probe = new AbortController();
      const stop = () => probe.abort();
      stopped.signal.addEventListener('abort', stop);
      try {
        const res = await (this.options.fetch ?? fetch)(url, {
          headers: { Accept: 'text/event-stream' },
          credentials: withCredentials ? 'include' : 'same-origin',
          signal: AbortSignal.any([probe.signal, AbortSignal.timeout(10_000)]),
        });
        return res.status;
      } catch {
        return 0;
      } finally {
        stopped.signal.removeEventListener('abort', stop);
        probe.abort();
      }
    };
    const open = () => {
      source = new EventSource(url, { withCredentials });
      let opened = false;
      source.onopen = () => {
        opened = true;
        wait = 1000;
      };
      const receive = (m: MessageEvent<string>) => {
        try {
          onEvent(asThreadEvent(JSON.parse(m.data)));
        } catch {
          // A malformed event is dropped; the next page load brings the truth.
        }
      };
      // Unnamed events (`message`), and those a backend names by their type (`event: comment-created`).
      for (const type of ['message', ...EVENT_TYPES]) source.addEventListener(type, receive as EventListener);
      source.onerror = async () => {
        if (source.readyState < 2) return; // 2 is EventSource.CLOSED: the browser gave up
        const status = opened ? 0 : await statusOfStream();
        if (stopped.signal.aborted || FINAL_STREAM_STATUSES.includes(status)) return;
        timer = setTimeout(open, wait);
        wait = Math.min(wait * 2, 30_000);
      };
    };
    open();
    return () => {
      stopped.abort();
      clearTimeout(timer);
      source.close();
    };
  }

  /**
   * One call of any route: GETs are tried up to 3 times on network errors, timeouts and 5xx
   * (waiting `retryDelay`, then twice that) and on a 429 whose `Retry-After` is short enough; other
   * methods are tried once. The whole call, retries and waits included, takes at most `timeout`:
   * a retry or a wait that would end past it is not begun, and the error so far is given back. An
   * answer over `maxBytes` is `bad_response`. `check` turns the JSON answer into the route's type;
   * 202 and 204 have none.
   */
  private async request<T = void>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    route: string,
    o: CallOptions = {},
    check?: (data: unknown) => T,
    body?: object,
  ): Promise<T> {
    const { signal } = o;
    if (resolvesAway(route)) {
      throw new AdapterError({ code: 'validation', message: 'An id cannot be "." or "..": no URL can carry it.' });
    }
    const { retryDelay = 400, maxRetryAfter = 10, timeout = 10_000, maxBytes = MAX_BYTES, credentials } = this.options;
    const deadline = Date.now() + timeout;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    if (method === 'POST') headers['Idempotency-Key'] = o.idempotencyKey ?? newIdempotencyKey();
    for (let attempt = 0; ; attempt++) {
      try {
        // Asked again on each try: a reader who signed out meanwhile sends no token.
        const token = await this.options.getToken?.();
        if (token) headers['Authorization'] = `Bearer ${token}`;
        else delete headers['Authorization'];
        const late = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
        const res = await (this.options.fetch ?? fetch)(`${this.endpoint}/${route}`, {
          method,
          headers,
          body: body && JSON.stringify(body),
          credentials,
          signal: signal ? AbortSignal.any([signal, late]) : late,
        }).catch((e: unknown) => {
          throw signal?.aborted ? abortedError(signal.reason)
            : late.aborted ? AdapterError.from(late.reason)
            : new AdapterError({ code: 'network', message: 'Could not reach the server. Check your connection.', cause: e });
        });
        const { status } = res;
        let data: unknown;
        if (status !== 204 && status !== 202) {
          const answer = await readBody(res, maxBytes);
          if (answer === null && res.ok) {
            throw new AdapterError({ status, code: 'bad_response', message: `The server's answer is larger than ${maxBytes} bytes: it was not read.` });
          }
          try {
            data = JSON.parse(answer ?? '');
          } catch {
            // Not JSON: `data` stays undefined.
          }
          if (res.ok && data === undefined) {
            throw new AdapterError({ status, code: 'bad_response', message: 'The server sent something that is not JSON.' });
          }
        }
        if (res.ok) return check?.(data) as T;
        const error = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
        throw new AdapterError({
          status,
          code: (text(error?.code) || codeOfStatus(status)).slice(0, 64),
          // The widgets show their own text for every code but `validation`, which needs the server's: bounded.
          message: serverText(error?.message) || `The server answered ${status}.`,
          retryAfter: retryAfterOf(res),
        });
      } catch (e) {
        const err = AdapterError.from(e);
        const limited = err.code === 'rate_limited';
        const wait = limited ? (err.retryAfter ?? 1) * 1000
          : err.code === 'network' || err.code === 'timeout' || (err.status ?? 0) >= 500 ? retryDelay * 2 ** attempt
          : -1;
        if (method !== 'GET' || attempt > 1 || wait < 0 || (limited && wait > maxRetryAfter * 1000) || Date.now() + wait >= deadline) throw err;
        await sleep(wait, signal);
      }
    }
  }
}
