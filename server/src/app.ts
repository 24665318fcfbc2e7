import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { configOf, type Config, type ServerOptions } from './config.js';
import { openDatabase, type Database } from './db/index.js';
import { ApiError, fail } from './errors.js';
import { clientIp, cookieSecret, identify, requestOrigin } from './identity.js';
import { Live } from './live.js';
import { commentRoutes } from './routes/comments.js';
import { eventRoutes } from './routes/events.js';
import { moderationRoutes } from './routes/moderation.js';
import { pollRoutes } from './routes/polls.js';
import { Comments } from './store/comments.js';
import { forgetOldKeys } from './store/idempotency.js';
import { forgetOldWindows, hit } from './store/limits.js';
import { Moderation } from './store/moderation.js';
import { Polls } from './store/polls.js';
import type { Reader } from './types.js';
import { Webhooks } from './webhooks.js';

export type Env = { Variables: { reader: Reader } };

/** What every route file gets: the stores and the settings. */
export interface Services {
  config: Config;
  db: Database;
  comments: Comments;
  moderation: Moderation;
  polls: Polls;
  live: Live;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The API as a Hono app: `fetch` mounts anywhere; `close()` ends live streams and the database. */
export class ExperienceServer extends Hono<Env> {
  /** The database it opened (or was given). */
  declare readonly database: Database;
  declare readonly services: Services;
  declare close: () => Promise<void>;
}

export interface CreateOptions extends ServerOptions {
  /** Use this open database (the server then does not close it). */
  database?: Database;
  /** The socket address of a request, as the host knows it (`listen` passes Node's). */
  socketAddress?: (c: Context) => string | undefined;
}

/**
 * Opens the database (migrating it), and builds the app. Middleware runs in this order: CORS,
 * the JSON content type (415), the body limit (413), the reader's identity, the write limit; then
 * the routes of SPEC section 5 under `basePath`.
 */
export async function createServer(options: CreateOptions = {}): Promise<ExperienceServer> {
  const config = configOf(options);
  const db = options.database ?? (await openDatabase(options));
  const secret = await cookieSecret(db);
  const webhooks = new Webhooks(config.webhooks, config.webhookSecret, config.webhookRetryDelays, config.now);
  const comments = new Comments(db, config, webhooks);
  const services: Services = {
    config,
    db,
    comments,
    moderation: new Moderation(db, comments, config.now),
    polls: new Polls(db, config),
    live: new Live(db, comments),
  };
  await services.live.start();

  const app = new ExperienceServer();
  const api = new Hono<Env>();
  const allowed = new Set(config.origins.map((o) => o.replace(/\/+$/, '')));

  api.use(cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  }));
  api.use(async (c, next) => {
    if (!WRITES.has(c.req.method)) return next();
    // A page of another site may not write, even where its browser sent no preflight.
    const origin = c.req.header('Origin');
    if (origin && !allowed.has(origin) && origin !== requestOrigin(c, config)) {
      fail('forbidden', `Pages of ${origin} may not write here. Start the server with --origin ${origin} to allow them.`);
    }
    if (c.req.method !== 'DELETE' && !/^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '')) {
      fail('unsupported_media_type', 'Send the request body as JSON, with Content-Type: application/json.');
    }
    return next();
  });
  api.use(bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: () => fail('payload_too_large', `The request body is over the limit of ${config.maxBodyBytes} bytes.`),
  }));
  const socketIp = options.socketAddress ?? (() => undefined);
  let lastSweep = 0;
  api.use(async (c, next) => {
    const reader = await identify(c, config, secret, clientIp(c, config, socketIp));
    c.set('reader', reader);
    if (WRITES.has(c.req.method) && config.rateLimit > 0 && reader.key !== 'admin') {
      const now = config.now();
      await hit(db, [`r:${reader.key}`, `ip:${reader.ip}`], config.rateLimit, now);
      if (+now - lastSweep > 60_000) {
        lastSweep = +now;
        void Promise.all([forgetOldWindows(db, now), forgetOldKeys(db, now)]).catch(() => {});
      }
    }
    return next();
  });
  commentRoutes(api, services);
  pollRoutes(api, services);
  moderationRoutes(api, services);
  eventRoutes(api, services);
  api.notFound((c) => c.json(new ApiError('not_found', 'There is no such route.').body, 404));
  api.onError((e, c) => answerError(c, e));

  app.route(config.basePath || '/', api);
  app.notFound((c) => c.json(new ApiError('not_found', 'There is no such route.').body, 404));
  app.onError((e, c) => answerError(c, e));
  Object.assign(app, {
    database: db,
    services,
    close: async () => {
      webhooks.close();
      await services.live.close();
      if (!options.database) await db.close();
    },
  });
  return app;
}

/** The contract's error body; anything unexpected is logged here and told as a plain 500. */
function answerError(c: Context, e: unknown): Response {
  if (e instanceof ApiError) {
    if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
    return c.json(e.body, e.status as 400);
  }
  console.error('experience-widgets-server:', e);
  return c.json(new ApiError('server_error', 'Something went wrong on the server. Please try again.').body, 500);
}
