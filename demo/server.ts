/**
 * `npm start`: the demo against the reference server. Starts experience-widgets-server on PGlite in
 * `.demo-data/` (seeded with the demo article on first run, kept between runs) and serves the demo
 * page with vite, whose `/api` is proxied to the server, as a site's reverse proxy would.
 *
 * Beside the API, `/api/demo/*` plays the site's part: it signs the personas' tokens (what a site
 * does for its signed-in users), and lets the panel reset the data, add a comment from someone
 * else and make the server slow, failing or offline.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SignJWT } from 'jose';
import { createServer as createVite } from 'vite';
import { clearData, createServer, importComments, importPolls, type ExperienceServer } from '../server/src/index.js';
import type { Reader } from '../server/src/types.js';
import { CLOSED_POLL, DEMO_ORIGIN, liveComment, personas, seedComments, seedPolls, THREAD } from './seed.js';

const API_PORT = 8787;
const TOKEN_SECRET = 'the-demo-site-signs-its-readers-with-this-secret';
const DATA = new URL('../.demo-data/', import.meta.url).pathname;

const api: ExperienceServer = await createServer({
  data: DATA,
  tokenSecret: TOKEN_SECRET,
  authors: ['amara-okafor'],
  maxLength: 1200,
  rateLimit: 120,
});
const db = api.database;

async function seed(): Promise<void> {
  // The seeded comments' owners are the personas that wrote them (none of the demo's readers).
  await importComments(db, seedComments(), { ownerOf: (c) => `u:${c.author.id}` });
  await resetPolls();
}

/** The seeded polls, as new: no reader's votes. */
async function resetPolls(): Promise<void> {
  const polls = seedPolls();
  await db.query('delete from polls where id = any($1::text[])', [polls.map((p) => p.id)]);
  await importPolls(db, polls);
}

const empty = (await db.query<{ n: number }>('select count(*)::int as n from comments')).rows[0]!.n === 0;
if (empty) await seed();
// Data seeded before the demo had its closed poll gets it.
else if (!(await db.query('select 1 from polls where id = $1', [CLOSED_POLL])).rows.length) await resetPolls();

let mode: 'normal' | 'slow' | 'failing' | 'offline' = 'normal';
let live = 0;

const demo = new Hono<{ Bindings: { incoming: import('node:http').IncomingMessage } }>();

demo.post('/api/demo/token', async (c) => {
  const { persona } = await c.req.json<{ persona: string }>();
  const viewer = personas[persona]?.viewer;
  if (!viewer) return c.json({ token: null });
  const token = await new SignJWT({ sub: viewer.id, name: viewer.name, picture: viewer.avatarUrl ?? undefined, roles: viewer.roles ?? [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(TOKEN_SECRET));
  return c.json({ token });
});

demo.post('/api/demo/settings', async (c) => {
  const body = await c.req.json<{ mode?: typeof mode; moderation?: 'none' | 'pre' }>();
  if (body.mode) mode = body.mode;
  if (body.moderation) api.services.config.moderation = body.moderation;
  return c.json({ mode, moderation: api.services.config.moderation });
});

demo.post('/api/demo/live', async (c) => {
  const { author, body } = liveComment(++live);
  const reader: Reader = { key: `u:${author.id}`, viewer: { id: author.id, name: author.name, avatarUrl: author.avatarUrl ?? null, roles: author.roles ?? [] }, url: author.url ?? null, moderator: false, ip: 'demo' };
  const comment = await db.transaction((tx) => api.services.comments.create(tx, reader, { threadId: THREAD, parentId: null, body, name: author.name }));
  return c.json(comment, 201);
});

demo.post('/api/demo/reset-poll', async (c) => {
  await resetPolls();
  return c.body(null, 204);
});

demo.post('/api/demo/reset', async (c) => {
  await clearData(db);
  await seed();
  return c.body(null, 204);
});

// Everything else goes to the API, as the panel's backend mode says.
demo.all('*', async (c) => {
  if (mode === 'slow') await new Promise((r) => setTimeout(r, 2500));
  if (mode === 'failing') return c.json({ error: { code: 'server_error', message: 'The demo server is failing on purpose.' } }, 500);
  if (mode === 'offline') {
    c.env.incoming.socket.destroy();
    return new Response(null, { status: 503 });
  }
  return api.fetch(c.req.raw, c.env);
});

const node = serve({ fetch: demo.fetch, port: API_PORT, hostname: '127.0.0.1' });
const vite = await createVite({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  define: { __DEMO_BACKEND__: '"server"' },
  // The seeded avatars' URLs name this origin: another port would not do.
  server: { strictPort: true, proxy: { '/api': { target: `http://127.0.0.1:${API_PORT}`, ws: false } } },
});
await vite.listen();
console.log(`The demo is at ${DEMO_ORIGIN}/ (the API at http://127.0.0.1:${API_PORT}/api, ${db.description}${empty ? ', seeded just now' : ''}).
Stop it with Ctrl+C. "npm run start:static" runs the demo with no server (msw in the browser).`);

const stop = async () => {
  await vite.close();
  node.close();
  await api.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
