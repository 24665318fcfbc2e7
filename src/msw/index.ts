import { http, HttpResponse, sse, type HttpResponseResolver, type RequestHandler } from 'msw';
import { Engine, type EngineOptions, type Reader } from '../adapters/engine.js';
import { AdapterError, statusOf } from '../model/errors.js';
import type { ModerationAction, SortOrder, Viewer } from '../model/types.js';

export { Engine, type EngineOptions, type Reader, type SeedPoll } from '../adapters/engine.js';

export interface HandlerOptions extends EngineOptions {
  /** The API base the handlers answer under; default `/api`. Absolute URLs work too. */
  endpoint?: string;
  /** Serve this database instead of a new one (for instance one shared with a `MemoryAdapter`). */
  engine?: Engine;
}

export interface MockBackend {
  /** The request handlers, for `setupWorker(...handlers)` or `setupServer(...handlers)`. */
  handlers: RequestHandler[];
  /** The database behind them: seed it, add comments "from others", read reports. */
  engine: Engine;
}

const json = (data: unknown, status = 200) => HttpResponse.json(data as object, { status });

function errorResponse(e: unknown) {
  const err = AdapterError.from(e);
  const status = err.status ?? statusOf[err.code] ?? 500;
  const headers: Record<string, string> = {};
  if (err.retryAfter !== undefined) headers['Retry-After'] = String(err.retryAfter);
  return HttpResponse.json({ error: { code: err.code, message: err.message } }, { status, headers });
}

/** Parses a JSON request body; anything but `application/json` is a 415, broken JSON a 400. */
async function bodyOf(request: Request): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(request.headers.get('Content-Type') ?? '')) {
    throw new AdapterError({ code: 'unsupported_media_type', message: 'Send JSON.' });
  }
  const data: unknown = await request.json().catch(() => null);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AdapterError({ code: 'bad_request', message: 'The body is not a JSON object.' });
  }
  return data as Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const base64url = (text: string) => btoa(String.fromCodePoint(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64url = (part: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.codePointAt(0)!));

/**
 * A bearer token that the mock handlers take as `viewer`: a JWT with the reference server's
 * claims (`sub`, `name`, `roles`, `picture`, `exp`), unsigned, since the mock checks no signature.
 * What a site's sign-in would give its widgets' `getToken`, for demos and tests.
 */
export function mockToken(viewer: Viewer): string {
  const claims = { sub: viewer.id, name: viewer.name, roles: viewer.roles ?? [], picture: viewer.avatarUrl ?? undefined, exp: 4102444800 };
  return `${base64url('{"alg":"none","typ":"JWT"}')}.${base64url(JSON.stringify(claims))}.`;
}

/** The viewer a JWT's claims name (`sub`, `name`, `roles`, `picture`), or undefined when it is no JWT of a user. */
function viewerOf(token: string): Viewer | undefined {
  try {
    const claims: unknown = JSON.parse(fromBase64url(token.split('.')[1] ?? ''));
    if (typeof claims !== 'object' || !claims || typeof (claims as { sub?: unknown }).sub !== 'string') return undefined;
    const { sub, name, roles, picture } = claims as Record<string, unknown>;
    return {
      id: sub as string,
      name: typeof name === 'string' && name.trim() ? name.trim() : (sub as string),
      roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
      ...(typeof picture === 'string' && { avatarUrl: picture }),
    };
  } catch {
    return undefined;
  }
}

/**
 * The ids of `counts?threads=a,b`: split at the commas as sent, then decoded, so that an id with a
 * comma in it (sent as %2C) stays one id.
 */
function threadIdsOf(request: Request): string[] {
  const raw = /[?&]threads=([^&]*)/.exec(new URL(request.url).search)?.[1] ?? '';
  return [...new Set(raw.split(',').filter(Boolean).map((id) => decodeURIComponent(id.replace(/\+/g, ' '))))];
}

/**
 * msw handlers that serve the REST contract (SPEC section 5) over the shared rules engine.
 *
 * Like the reference server, they know the reader by the request: a bearer token whose JWT claims
 * name a user (`sub`, `name`, `roles`, `picture`; see `mockToken`) is that signed-in reader, with
 * their own likes, votes, reports and comments; a request without one (or with a token that names
 * nobody) is the engine's own reader (`engine.viewer`, anonymous unless seeded). Unlike the server,
 * the mock checks no signature and tells anonymous visitors apart by nothing: a server signs its
 * tokens' claims and gives each visitor a cookie (`experience_visitor`).
 */
export function createHandlers(options: HandlerOptions = {}): MockBackend {
  const engine = options.engine ?? new Engine(options);
  const base = (options.endpoint ?? '/api').replace(/\/+$/, '');
  /** The reader who sent `request`. */
  const readerOf = (request: Request): Reader => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '')?.[1];
    return engine.reader(token ? viewerOf(token) : undefined);
  };
  /** Wraps a resolver (given the reader too) so that an AdapterError it throws becomes the contract's error body. */
  type Resolver = HttpResponseResolver<Record<string, string>>;
  const route = (resolve: (info: Parameters<Resolver>[0], by: Reader) => ReturnType<Resolver>): Resolver =>
    async (info) => {
      try {
        return await resolve(info, readerOf(info.request));
      } catch (e) {
        return errorResponse(e);
      }
    };
  const key = (request: Request) => request.headers.get('Idempotency-Key') ?? undefined;

  const handlers = [
    http.get(`${base}/session`, route((_, by) => json(engine.session(by)))),
    http.get(`${base}/threads/:thread/comments`, route(({ request, params }, by) => {
      const q = new URL(request.url).searchParams;
      const sort = (q.get('sort') ?? 'newest') as SortOrder;
      if (!['newest', 'oldest', 'top'].includes(sort)) throw new AdapterError({ code: 'validation', message: 'Unknown sort.' });
      return json(engine.list({ threadId: params.thread!, sort, limit: Number(q.get('limit') ?? 20), cursor: q.get('cursor') }, by));
    })),
    http.post(`${base}/threads/:thread/comments`, route(async ({ request, params }, by) => {
      const b = await bodyOf(request);
      const author = b.author && typeof b.author === 'object' ? (b.author as { name?: unknown; email?: unknown }) : undefined;
      const comment = engine.create({
        threadId: params.thread!,
        parentId: typeof b.parentId === 'string' ? b.parentId : null,
        body: str(b.body),
        ...(author ? { author: { name: str(author.name), email: str(author.email) } } : {}),
      }, key(request), by);
      return json(comment, 201);
    })),
    http.patch(`${base}/comments/:id`, route(async ({ request, params }, by) => {
      const b = await bodyOf(request);
      return json(engine.update({ id: params.id!, body: str(b.body) }, by));
    })),
    http.delete(`${base}/comments/:id`, route(({ params }, by) => {
      engine.remove({ id: params.id! }, by);
      return new HttpResponse(null, { status: 204 });
    })),
    http.post(`${base}/comments/:id/reactions`, route(async ({ request, params }, by) => {
      const b = await bodyOf(request);
      return json(engine.react({ id: params.id!, reaction: b.reaction as 'like', active: b.active === true }, key(request), by));
    })),
    http.post(`${base}/comments/:id/reports`, route(async ({ request, params }, by) => {
      const b = await bodyOf(request);
      engine.report({ id: params.id!, reason: str(b.reason) }, key(request), by);
      return new HttpResponse(null, { status: 202 });
    })),
    http.post(`${base}/comments/:id/moderation`, route(async ({ request, params }, by) => {
      const b = await bodyOf(request);
      return json(engine.moderate({ id: params.id!, action: b.action as ModerationAction }, by));
    })),
    http.get(`${base}/moderation`, route(({ request }, by) => {
      const q = new URL(request.url).searchParams;
      return json(engine.listModeration({ cursor: q.get('cursor'), limit: Number(q.get('limit') ?? 20) }, by));
    })),
    http.get(`${base}/counts`, route(({ request }) => json({ counts: engine.countComments({ threadIds: threadIdsOf(request) }) }))),
    http.get(`${base}/polls/:poll`, route(({ params }, by) => json(engine.getPoll(params.poll!, by)))),
    http.post(`${base}/polls/:poll/votes`, route(async ({ request, params }, by) => {
      const b = await bodyOf(request);
      const optionIds = Array.isArray(b.optionIds) ? b.optionIds.map(String) : [];
      return json(engine.vote({ pollId: params.poll!, optionIds }, key(request), by));
    })),
  ];
  // msw's `sse()` needs `EventSource`, which Node 20 lacks: there (`setupServer`) the live route
  // is left out and everything else is served.
  if (typeof EventSource === 'function') {
    handlers.push(
      sse(`${base}/threads/:thread/events`, ({ client, params, request }) => {
        const stop = engine.subscribe(String(params.thread), (e) => client.send({ data: JSON.stringify(e) }));
        request.signal.addEventListener('abort', stop, { once: true });
        // msw 2.15 does not abort the request when the page closes its EventSource; it only tells
        // the client's own emitter. Without this, every later event is written to a closed stream
        // and msw logs two console errors for it.
        (client as unknown as Record<symbol, { on(type: 'close', f: () => void): void } | undefined>)[Symbol.for('kClientEmitter')]?.on('close', stop);
      })
    );
  }
  return { handlers, engine };
}
