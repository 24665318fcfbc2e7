import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client, KINDS, newThread, openStream, startServer, type TestServer } from './harness.js';
import { freshDatabase } from './postgres.mjs';

const events = (server: { url: string }, thread: string) => `${server.url}/threads/${encodeURIComponent(thread)}/events`;

for (const kind of KINDS) {
  describe(`live events on ${kind}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(kind, { moderation: 'pre' });
    });
    after(() => server.close());

    it('sends created, updated and deleted comments of the thread, in order, without any reader\'s flags', async () => {
      const thread = newThread();
      const stream = await openStream(events(server, thread));
      try {
        const u = await server.user({ sub: 'u1', name: 'Una' });
        const c = await u.comment(thread, 'Hello');
        await server.visitor().comment(newThread(), 'Another thread');
        // Each change once the one before arrived: an event carries the comment as it is when it
        // is sent, so an edit overtaken by a deletion goes out as that deletion (the next test).
        await stream.next((e) => e.type === 'comment-created');
        await u.patch(`/comments/${c.id}`, { body: 'Hello, all' });
        await stream.next((e) => e.type === 'comment-updated');
        await u.delete(`/comments/${c.id}`);
        await stream.next((e) => e.type === 'comment-deleted');
        assert.deepEqual(stream.events.map((e) => [e.type, e.comment.id, e.comment.body]), [
          ['comment-created', c.id, 'Hello'],
          ['comment-updated', c.id, 'Hello, all'],
          ['comment-deleted', c.id, ''],
        ]);
        assert.equal('viewerCanEdit' in stream.events[0].comment, false);
        assert.equal('viewerLiked' in stream.events[0].comment, false);
        assert.match(stream.raw, /^retry: 3000\n\n/);
        assert.equal(server.app.services.live.size, 1);
      } finally {
        stream.close();
      }
    });

    it('never sends the text of an edit that a deletion overtook: the thread ends with the deletion', async () => {
      const thread = newThread();
      const stream = await openStream(events(server, thread));
      try {
        const u = await server.user({ sub: 'u3', name: 'Ugo' });
        const c = await u.comment(thread, 'First');
        // No wait between them: the edit's event may be sent after the deletion was made.
        await u.patch(`/comments/${c.id}`, { body: 'Second' });
        await u.delete(`/comments/${c.id}`);
        await stream.next((e) => e.type === 'comment-deleted');
        await new Promise((r) => setTimeout(r, 200));
        const mine = stream.events.filter((e) => e.comment.id === c.id).map((e) => [e.type, e.comment.body]);
        // Each event carries the comment as it is when it is sent, so any of them may already show
        // a later state: the creation may carry the edit, and every event sent after the deletion
        // was made is that deletion. Never the text after the deletion, never the edit undone.
        const deleted = mine.findIndex(([type]) => type === 'comment-deleted');
        assert.ok(deleted >= 0, JSON.stringify(mine));
        assert.ok(mine.slice(deleted).every(([type, body]) => type === 'comment-deleted' && body === ''), JSON.stringify(mine));
        const before = mine.slice(0, deleted);
        assert.ok(before.every(([type], i) => type === (i === 0 ? 'comment-created' : 'comment-updated')), JSON.stringify(mine));
        // The text only moves forward: some events of 'First', then some of 'Second'.
        const bodies = before.map(([, body]) => body);
        assert.match(bodies.join(' '), /^(First ?)*(Second ?)*$/, JSON.stringify(mine));
      } finally {
        stream.close();
      }
    });

    it('never broadcasts a pending comment; its approval arrives as comment-created', async () => {
      const thread = newThread();
      const stream = await openStream(events(server, thread));
      try {
        const held = await server.visitor().comment(thread, 'Held');
        const liked = await (await server.user({ sub: 'u2', name: 'U' })).comment(thread, 'Marker');
        await stream.next((e) => e.comment.id === liked.id);
        assert.equal(stream.events.some((e) => e.comment.id === held.id), false);
        await server.moderator().post(`/comments/${held.id}/moderation`, { action: 'approve' });
        const approved = await stream.next((e) => e.comment.id === held.id);
        assert.deepEqual([approved.type, approved.comment.status], ['comment-created', 'published']);
      } finally {
        stream.close();
      }
    });

    it('sends a comment held back after reports as comment-deleted, with nothing of it', async () => {
      const thread = newThread();
      const stream = await openStream(events(server, thread));
      try {
        const c = await (await server.user({ sub: 'u3', name: 'Held' })).comment(thread, 'Reported');
        for (let i = 0; i < 3; i++) await server.visitor().post(`/comments/${c.id}/reports`, { reason: 'Spam' });
        const gone = await stream.next((e) => e.type === 'comment-deleted');
        assert.deepEqual([gone.comment.id, gone.comment.status, gone.comment.body, gone.comment.author.name], [c.id, 'deleted', '', '']);
      } finally {
        stream.close();
      }
    });

    it('lets go of a stream the reader closed', async () => {
      const stream = await openStream(events(server, newThread()));
      stream.close();
      const start = Date.now();
      while (server.app.services.live.size > 0 && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 20));
      assert.equal(server.app.services.live.size, 0);
    });
  });
}

describe('the LISTEN connection to PostgreSQL', () => {
  it('listens again after it was cut, and live readers get the next events', async () => {
    const server = await startServer('postgres');
    const thread = newThread();
    const stream = await openStream(events(server, thread));
    try {
      const cut = await server.app.database.query<{ n: number }>(
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where query ilike 'LISTEN%' and datname = current_database()`);
      assert.equal(cut.rows[0]!.n, 1);
      const u = await server.user({ sub: 'u9', name: 'U' });
      const start = Date.now();
      let posted: any;
      // The first comment may go out while the connection is down: keep posting until one arrives.
      while (Date.now() - start < 10_000) {
        posted = await u.comment(thread, `After the cut ${Date.now()}`);
        try {
          await stream.next((e) => e.comment.id === posted.id, 500);
          break;
        } catch {
          // Not yet listening again.
        }
      }
      assert.ok(stream.events.some((e) => e.comment.id === posted.id), 'no event arrived after the reconnect');
    } finally {
      stream.close();
      await server.close();
    }
  });
});

describe('shutdown', () => {
  it('ends open streams and closes the database', async () => {
    const server = await startServer('pglite');
    const stream = await openStream(events(server, 'shutdown'));
    const start = Date.now();
    await server.close();
    await stream.ended;
    assert.ok(Date.now() - start < 3000, `took ${Date.now() - start} ms`);
  });
});

describe('two server processes on one PostgreSQL', () => {
  let url: string;
  let child: ReturnType<typeof spawn> | undefined;
  let server: TestServer | undefined;
  before(async () => {
    url = await freshDatabase();
  });
  after(async () => {
    child?.kill('SIGKILL');
    await server?.close();
  });

  it('delivers a comment posted through one to a live reader of the other', async () => {
    server = await startServer('postgres', { databaseUrl: url });
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--rate-limit', '0'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const otherUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (d) => {
        out += d;
        const m = /API:\s+(\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`the second server exited (${code}): ${out}`)));
    });
    const thread = newThread();
    const stream = await openStream(events(server, thread));
    try {
      const posted = await new Client(otherUrl).comment(thread, 'From the other process');
      const e = await stream.next((x) => x.comment.id === posted.id);
      assert.deepEqual([e.type, e.comment.body], ['comment-created', 'From the other process']);
    } finally {
      stream.close();
    }
  });
});
