// The reference server (server/, built to server/dist) for the browser tests, run by the test
// runner in Node. Pages drive it with `executeServerCommand('reference-server', …)`: `start` gives
// a fresh server over an emptied database of the kind asked for (PGlite in memory, or PostgreSQL),
// seeded like the mock engine; `insert` adds a comment "from someone else"; `reports` lists the
// reports taken; `listeners` counts the open live streams. The same server is also reachable on the test page's own origin under
// `/reference/` (`proxy`), as a site's reverse proxy would serve it.
import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';

const SECRET = 'browser-tests-token-secret-long-enough';
const TABLES = 'threads, comments, reactions, reports, moderation_log, idempotency, rate_limits, polls, poll_options, ballots';

async function loadServer() {
  try {
    return await import('../../server/dist/index.js');
  } catch (e) {
    throw new Error(`The reference server is not built (${e.message}): run \`npm run build\` first.`);
  }
}

/** Stores a comment of the mock engine's shape as it stands, the seeded viewer owning those marked as theirs. */
async function insert(db, c, viewerKey) {
  const root = c.parentId === null
    ? c.id
    : ((await db.query('select root_id from comments where id = $1', [c.parentId])).rows[0]?.root_id ?? c.parentId);
  await db.query('insert into threads (id) values ($1) on conflict do nothing', [c.threadId]);
  await db.query(
    `insert into comments (id, thread_id, parent_id, root_id, author_key, author_id, author_name, author_avatar, author_url,
       author_roles, body, status, likes, created_at, edited_at, pinned)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     on conflict (id) do update set body = excluded.body, status = excluded.status, likes = excluded.likes`,
    [c.id, c.threadId, c.parentId, root, c.viewerCanEdit && viewerKey ? viewerKey : `seed:${c.author.id}`, c.author.id,
      c.author.name, c.author.avatarUrl ?? null, c.author.url ?? null, c.author.roles ?? [], c.status === 'deleted' ? '' : c.body,
      c.status, c.likes, c.createdAt, c.editedAt ?? null, c.pinned ?? false],
  );
  if (c.viewerLiked && viewerKey) {
    await db.query('insert into reactions (comment_id, reader_key, created_at) values ($1, $2, now()) on conflict do nothing', [c.id, viewerKey]);
  }
  await db.query(`update threads set published = (select count(*) from comments where thread_id = $1 and status = 'published') where id = $1`, [c.threadId]);
}

async function insertPoll(db, p) {
  await db.query(
    `insert into polls (id, question, multiple, max_choices, closes_at, closed, results_visibility) values ($1, $2, $3, $4, $5, $6, $7)`,
    [p.id, p.question, p.multiple, p.maxChoices, p.closesAt, p.closed, p.resultsVisibility],
  );
  for (const [i, o] of p.options.entries()) {
    await db.query('insert into poll_options (poll_id, id, label, position, votes) values ($1, $2, $3, $4, $5)', [p.id, o.id, o.label, i, o.votes]);
  }
}

/**
 * One server per test file and database kind (test files run side by side), each with its own
 * database and port; `start` empties that database and builds the app anew over it.
 */
export function referenceServer() {
  const servers = new Map();

  async function open(name, kind) {
    const { openDatabase, createServer } = await loadServer();
    const { serve } = await import('@hono/node-server');
    const db = kind === 'pglite'
      ? await openDatabase({ data: 'memory://' })
      : await openDatabase({ databaseUrl: await (await import('../../server/test/postgres.mjs')).freshDatabase() });
    const entry = { db, app: undefined, createServer };
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
    await db.query(`truncate ${TABLES} cascade`);
    const now = seed.now ? () => new Date(seed.now) : undefined;
    entry.app = await entry.createServer({
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
    for (const c of seed.comments ?? []) await insert(db, c, viewerKey);
    for (const p of seed.polls ?? []) await insertPoll(db, p);
    const token = viewer &&
      (await new SignJWT({ sub: viewer.id, name: viewer.name, roles: viewer.roles ?? [], ...(viewer.avatarUrl ? { picture: viewer.avatarUrl } : {}) })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime(Math.floor((now ?? (() => new Date()))().getTime() / 1000) + 3600)
        .sign(new TextEncoder().encode(SECRET)));
    return { port: entry.port, token };
  }

  return {
    name: 'reference-server',
    async executeCommand({ command, payload }) {
      if (command !== 'reference-server') return undefined;
      if (payload.action === 'start') return start(payload);
      const { db } = await serverFor(payload.name, payload.kind);
      if (payload.action === 'insert') {
        await insert(db, payload.comment, null);
        if (payload.announce !== false) {
          await db.query('select pg_notify($1, $2)', ['experience_events', JSON.stringify({ type: 'comment-created', thread: payload.comment.threadId, id: payload.comment.id })]);
        }
        return true;
      }
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
