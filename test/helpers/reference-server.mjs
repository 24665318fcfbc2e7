// The reference server (server/, built to server/dist) for the browser tests, run by the test
// runner in Node. Pages drive it with `executeServerCommand('reference-server', …)`: `start` gives
// a fresh server over an emptied database of the kind asked for (PGlite in memory, or PostgreSQL),
// seeded like the mock engine; `insert` adds a comment "from someone else"; `reports` lists the
// reports taken; `listeners` counts the open live streams; `token` signs one for a reader. The same server is also reachable on the test page's own origin under
// `/reference/` (`proxy`), as a site's reverse proxy would serve it.
import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';

const SECRET = 'browser-tests-token-secret-long-enough';

async function loadServer() {
  try {
    return await import('../../server/dist/index.js');
  } catch (e) {
    throw new Error(`The reference server is not built (${e.message}): run \`npm run build\` first.`);
  }
}

/**
 * Stores comments of the mock engine's shape as they stand, through the server's own import: the
 * seeded viewer owns those marked as theirs, and has liked those marked so.
 */
async function insert(server, db, comments, viewerKey, replace = false) {
  await server.importComments(db, comments, { replace, ownerOf: (c) => (c.viewerCanEdit && viewerKey ? viewerKey : `seed:${c.author.id}`) });
  for (const c of comments.filter((c) => c.viewerLiked && viewerKey)) {
    await db.query('insert into reactions (comment_id, reader_key, created_at) values ($1, $2, now())', [c.id, viewerKey]);
  }
}

/**
 * One server per test file and database kind (test files run side by side), each with its own
 * database and port; `start` empties that database and builds the app anew over it.
 */
/** The site's token for `viewer`, good for an hour after `now`. */
const tokenFor = (viewer, now) =>
  new SignJWT({ sub: viewer.id, name: viewer.name, roles: viewer.roles ?? [], ...(viewer.avatarUrl ? { picture: viewer.avatarUrl } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(Math.floor(now.getTime() / 1000) + 3600)
    .sign(new TextEncoder().encode(SECRET));

export function referenceServer() {
  const servers = new Map();

  async function open(name, kind) {
    const server = await loadServer();
    const { serve } = await import('@hono/node-server');
    const db = kind === 'pglite'
      ? await server.openDatabase({ data: 'memory://' })
      : await server.openDatabase({ databaseUrl: await (await import('../../server/test/postgres.mjs')).freshDatabase() });
    const entry = { db, app: undefined, server };
    entry.listener = serve({ fetch: (req, env) => entry.app.fetch(req, env), port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => entry.listener.once('listening', resolve));
    entry.port = entry.listener.address().port;
    return entry;
  }

  const serverFor = (name = 'default', kind = 'pglite') => {
    const key = `${name}/${kind}`;
    if (!servers.has(key)) servers.set(key, open(name, kind));
    return servers.get(key);
  };

  async function start({ name, kind, origin, seed = {} }) {
    const entry = await serverFor(name, kind);
    const { db } = entry;
    await entry.app?.close();
    await entry.server.clearData(db);
    const now = seed.now ? () => new Date(seed.now) : undefined;
    entry.app = await entry.server.createServer({
      database: db,
      origins: [origin],
      tokenSecret: SECRET,
      allowAnonymous: seed.allowAnonymous,
      maxLength: seed.maxLength,
      // The engine's `all` and `anonymous` both hold anonymous comments here: the server's `pre`.
      moderation: seed.moderation && seed.moderation !== 'none' ? 'pre' : 'none',
      rateLimit: 0,
      now,
    });
    const viewer = seed.viewer ?? null;
    const viewerKey = viewer && `u:${viewer.id}`;
    await insert(entry.server, db, seed.comments ?? [], viewerKey);
    await entry.server.importPolls(db, seed.polls ?? []);
    entry.now = now ?? (() => new Date());
    return { port: entry.port, token: viewer && (await tokenFor(viewer, entry.now())) };
  }

  return {
    name: 'reference-server',
    async executeCommand({ command, payload }) {
      if (command !== 'reference-server') return undefined;
      if (payload.action === 'start') return start(payload);
      const { db, server } = await serverFor(payload.name, payload.kind);
      if (payload.action === 'insert') {
        await insert(server, db, [payload.comment], null, true);
        if (payload.announce !== false) {
          await db.query('select pg_notify($1, $2)', ['experience_events', JSON.stringify({ type: 'comment-created', thread: payload.comment.threadId, id: payload.comment.id })]);
        }
        return true;
      }
      if (payload.action === 'token') return tokenFor(payload.viewer, (await serverFor(payload.name, payload.kind)).now());
      if (payload.action === 'listeners') return (await serverFor(payload.name, payload.kind)).app?.services.live.size ?? 0;
      if (payload.action === 'reports') {
        return (await db.query('select comment_id as id, reason from reports order by created_at')).rows;
      }
      throw new Error(`Unknown reference-server action ${payload.action}`);
    },
    /**
     * `/reference/NAME/…` on the test page's origin, passed through to that test file's PGlite
     * server as a site's reverse proxy would.
     */
    async proxy(ctx, next) {
      const m = /^\/reference\/([^/]+)(\/.*)$/.exec(ctx.url);
      if (!m) return next();
      const { port } = await serverFor(decodeURIComponent(m[1]), 'pglite');
      ctx.respond = false;
      // Resolves once the answer has begun (a live stream goes on after), so that the test
      // runner's own middleware sees its status.
      await new Promise((resolve) => {
        const upstream = httpRequest({ host: '127.0.0.1', port, method: ctx.method, path: m[2], headers: ctx.req.headers }, (res) => {
          ctx.status = res.statusCode;
          ctx.res.writeHead(res.statusCode, res.headers);
          ctx.res.flushHeaders();
          res.pipe(ctx.res);
          resolve();
        });
        upstream.on('error', () => {
          ctx.res.destroy();
          resolve();
        });
        ctx.req.pipe(upstream);
        ctx.res.on('close', () => upstream.destroy());
      });
      return undefined;
    },
    async serverStop() {
      for (const pending of servers.values()) {
        const entry = await pending;
        await entry.app?.close();
        entry.listener.close();
        await entry.db.close();
      }
    },
  };
}
