// Webhooks against receivers on 127.0.0.1: signed, after the commit, retried, never in the way.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { KINDS, newThread, startServer, type TestServer } from './harness.js';

const SECRET = 'webhook-test-secret';

interface Delivery {
  headers: IncomingMessage['headers'];
  raw: string;
  body: any;
}

/** A receiver that answers each request with `answer(n)` (its status, and how long it waits first). */
async function receiver(answer: (n: number) => { status: number; delay?: number } = () => ({ status: 204 })) {
  const got: Delivery[] = [];
  let n = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (s: string) => (raw += s)).on('end', () => {
      const a = answer(n++);
      setTimeout(() => {
        got.push({ headers: req.headers, raw, body: JSON.parse(raw) });
        res.writeHead(a.status).end();
      }, a.delay ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    got,
    /** Resolves once `count` deliveries arrived. */
    async wait(count: number, ms = 5000) {
      for (const start = Date.now(); got.length < count; await new Promise((r) => setTimeout(r, 10))) {
        if (Date.now() - start > ms) throw new Error(`${got.length} of ${count} deliveries in ${ms} ms: ${JSON.stringify(got.map((d) => d.body.type))}`);
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** How a receiver checks a delivery, as the README tells it. */
function verify(d: Delivery): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(d.raw).digest('hex')}`);
  const sent = Buffer.from(String(d.headers['x-experience-signature']));
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

for (const kind of KINDS) {
  describe(`webhooks on ${kind}`, () => {
    let server: TestServer;
    let hook: Awaited<ReturnType<typeof receiver>>;
    let slow: Awaited<ReturnType<typeof receiver>>;
    before(async () => {
      hook = await receiver();
      // Fails twice, then takes a while: the API never waits for it.
      slow = await receiver((n) => (n < 2 ? { status: 500 } : { status: 200, delay: 1500 }));
      server = await startServer(kind, { moderation: 'pre', reportThreshold: 2, webhooks: [hook.url, slow.url], webhookSecret: SECRET, webhookRetryDelays: [20, 40] });
    });
    after(async () => {
      await server.close();
      await Promise.all([hook.close(), slow.close()]);
    });

    it('posts a signed JSON for a new comment, a held one and each report (and the hold they cause)', async () => {
      const thread = newThread();
      const started = Date.now();
      const signedIn = await server.user({ sub: 'w1', name: 'Wen' });
      const c = await signedIn.comment(thread, 'Published');
      const held = await server.visitor().comment(thread, 'Held');
      assert.ok(Date.now() - started < 1000, 'the slow receiver never delayed a request');
      for (let i = 0; i < 2; i++) assert.equal((await server.visitor().post(`/comments/${c.id}/reports`, { reason: `Reason ${i}` })).status, 202);
      await hook.wait(5);
      const mine = hook.got.filter((d) => d.body.comment.threadId === thread);
      assert.deepEqual(mine.map((d) => [d.body.type, d.body.comment.id, d.body.comment.status, d.body.reason ?? d.body.report?.reason ?? null]), [
        ['comment.created', c.id, 'published', null],
        ['comment.held', held.id, 'pending', 'moderation'],
        ['comment.reported', c.id, 'published', 'Reason 0'],
        ['comment.held', c.id, 'pending', 'reports'],
        ['comment.reported', c.id, 'pending', 'Reason 1'],
      ]);
      for (const d of mine) {
        assert.ok(verify(d), 'the signature checks out');
        assert.equal(d.headers['content-type'], 'application/json');
        assert.equal(d.headers['x-experience-event'], d.body.type);
        assert.match(d.body.id, /^[0-9a-f-]{36}$/);
        assert.ok(!Number.isNaN(Date.parse(d.body.createdAt)));
      }
      assert.equal(mine[1]!.body.comment.body, 'Held', 'the site sees what it holds');
      assert.equal(mine[4]!.body.comment.reports, 2);
      assert.equal(verify({ ...mine[0]!, raw: mine[0]!.raw.replace('Published', 'Forged') }), false);

      await slow.wait(1);
      assert.equal(slow.got[0]!.body.id, hook.got.find((d) => d.body.comment.id === c.id)!.body.id, 'the retried delivery is the same one, under the same id');
    });

    it('sends nothing for a write that failed, or for a replayed one', async () => {
      const thread = newThread();
      const client = server.visitor();
      const before = hook.got.length;
      assert.equal((await client.post(`/threads/${thread}/comments`, { body: '', parentId: null, author: { name: 'A' } })).status, 422);
      const key = { 'Idempotency-Key': `k-${thread}` };
      const signedIn = await server.user({ sub: 'w2', name: 'Wu' });
      for (let i = 0; i < 3; i++) assert.equal((await signedIn.post(`/threads/${thread}/comments`, { body: 'Once', parentId: null }, key)).status, 201);
      await hook.wait(before + 1);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(hook.got.slice(before).map((d) => d.body.comment.body), ['Once']);
    });
  });
}

describe('a receiver that is down', () => {
  it('is tried after each delay, then given up, while the API answers at once', async () => {
    const down = await receiver(() => ({ status: 503 }));
    const server = await startServer('pglite', { webhooks: [down.url], webhookSecret: SECRET, webhookRetryDelays: [10, 20, 30] });
    try {
      await server.visitor().comment(newThread(), 'Hello');
      await down.wait(4);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(down.got.length, 4, 'one try and three retries');
    } finally {
      await server.close();
      await down.close();
    }
  });
});
