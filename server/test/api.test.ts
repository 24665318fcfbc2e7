import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clearData } from '../src/index.js';
import { KINDS, newThread, sign, startServer, type Client, type TestServer } from './harness.js';

const path = (thread: string) => `/threads/${encodeURIComponent(thread)}/comments`;

for (const kind of KINDS) {
  describe(`REST API on ${kind}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(kind, { authors: ['amara'], moderators: ['mod-1'] });
    });
    after(() => server.close());

    describe('identity', () => {
      it('gives an anonymous visitor a signed, HttpOnly, SameSite=Lax cookie (not Secure on http)', async () => {
        const r = await server.visitor().get('/session');
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, { viewer: null, allowAnonymous: true, maxLength: 5000 });
        const cookie = r.headers.getSetCookie()[0]!;
        assert.match(cookie, /^experience_visitor=[^;]+\.[^;]+;/);
        assert.match(cookie, /HttpOnly/);
        assert.match(cookie, /SameSite=Lax/);
        assert.doesNotMatch(cookie, /Secure/);
      });

      it('knows a signed-in reader from the site\'s token, with roles from the token and the configuration', async () => {
        const amara = await server.user({ sub: 'amara', name: 'Dr. Amara Okafor', picture: 'https://example.com/a.png', url: 'https://example.com/amara', roles: ['moderator'] });
        const r = await amara.get('/session');
        assert.deepEqual(r.body.viewer, { id: 'amara', name: 'Dr. Amara Okafor', avatarUrl: 'https://example.com/a.png', roles: ['moderator', 'author'] });
        const c = await amara.comment(newThread(), 'Thank you all.');
        assert.deepEqual(c.author, { id: 'amara', name: 'Dr. Amara Okafor', avatarUrl: 'https://example.com/a.png', url: 'https://example.com/amara', roles: ['moderator', 'author'] });
        const configured = await server.user({ sub: 'mod-1', name: 'Mo' });
        assert.deepEqual((await configured.get('/session')).body.viewer.roles, ['moderator']);
      });

      it('ignores a picture or url that is not http(s)', async () => {
        const u = await server.user({ sub: 'x', name: 'X', picture: 'javascript:alert(1)', url: 'data:text/html,hi' });
        const c = await u.comment(newThread(), 'Hi');
        assert.equal(c.author.avatarUrl, null);
        assert.equal(c.author.url, null);
      });

      it('answers a forged, expired, unsigned or malformed token with 401 on every route, storing nothing', async () => {
        const thread = newThread();
        const tokens = {
          forged: await sign({ sub: 'amara', name: 'A' }, { secret: 'not-the-secret-but-long-enough-to-sign', expiresIn: '1h' }),
          expired: await sign({ sub: 'amara', name: 'A' }, { expiresIn: Math.floor(Date.now() / 1000) - 120 }),
          'without exp': await sign({ sub: 'amara', name: 'A' }),
          unsigned: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"amara","exp":9999999999}').toString('base64url')}.`,
          garbage: 'not-a-token',
        };
        for (const [what, token] of Object.entries(tokens)) {
          const c = server.visitor({ Authorization: `Bearer ${token}` });
          for (const r of [
            await c.get('/session'),
            await c.get(path(thread)),
            await c.post(path(thread), { body: 'Sneaky', parentId: null, author: { name: 'X' } }),
          ]) {
            assert.equal(r.status, 401, what);
            assert.equal(r.body.error.code, 'unauthorized', what);
          }
        }
        assert.equal((await server.visitor().get(path(thread))).body.total, 0);
      });

      it('accepts a token that expired within the 60 s of allowed clock skew', async () => {
        const u = await server.user({ sub: 's', name: 'Skew' }, { expiresIn: Math.floor(Date.now() / 1000) - 30 });
        assert.equal((await u.get('/session')).body.viewer.id, 's');
      });

      it('treats a tampered cookie as a new visitor, who cannot touch the first one\'s comments', async () => {
        const ann = server.visitor();
        const thread = newThread();
        const mine = await ann.comment(thread, 'Mine');
        const thief = server.visitor();
        const [value, signature] = ann.cookie('experience_visitor')!.split('.');
        thief.setCookie('experience_visitor', `${value}x.${signature}`);
        assert.equal((await thief.patch(`/comments/${mine.id}`, { body: 'Stolen' })).status, 403);
        assert.equal((await thief.delete(`/comments/${mine.id}`)).status, 403);
        thief.setCookie('experience_visitor', `${value}`);
        assert.equal((await thief.patch(`/comments/${mine.id}`, { body: 'Stolen' })).status, 403);
        assert.notEqual(thief.cookie('experience_visitor'), ann.cookie('experience_visitor'));
        assert.equal((await ann.get(path(thread))).body.comments[0].body, 'Mine');
      });
    });

    describe('comments', () => {
      it('lets the author edit and delete, and nobody else', async () => {
        const ann = server.visitor();
        const bob = server.visitor();
        const thread = newThread();
        const c = await ann.comment(thread, 'Frist');
        assert.equal((await bob.get(path(thread))).body.comments[0].viewerCanEdit, false);
        assert.equal((await ann.get(path(thread))).body.comments[0].viewerCanEdit, true);
        const edited = await ann.patch(`/comments/${c.id}`, { body: 'First' });
        assert.equal(edited.status, 200);
        assert.equal(edited.body.body, 'First');
        assert.ok(edited.body.editedAt);
        const bobs = await bob.patch(`/comments/${c.id}`, { body: 'Mine now' });
        assert.deepEqual([bobs.status, bobs.body.error.code], [403, 'forbidden']);
        assert.equal((await bob.delete(`/comments/${c.id}`)).status, 403);
        assert.equal((await ann.delete(`/comments/${c.id}`)).status, 204);
        assert.equal((await ann.delete(`/comments/${c.id}`)).status, 404);
        assert.equal((await bob.get(path(thread))).body.total, 0);
      });

      it('keeps a deleted comment with replies as a placeholder, and counts only published ones', async () => {
        const ann = server.visitor();
        const thread = newThread();
        const parent = await ann.comment(thread, 'Parent');
        const child = await server.visitor().comment(thread, 'Child', parent.id);
        await server.visitor().comment(thread, 'Grandchild', child.id);
        await ann.delete(`/comments/${parent.id}`);
        const page = (await ann.get(path(thread))).body;
        assert.deepEqual(page.comments.map((c: any) => [c.body, c.status, c.author.name]), [
          ['', 'deleted', ''],
          ['Child', 'published', 'Ann'],
          ['Grandchild', 'published', 'Ann'],
        ]);
        assert.equal(page.total, 2);
      });

      it('drops a deleted reply whose replies are all gone too, at any depth', async () => {
        const ann = server.visitor();
        const thread = newThread();
        const root = await ann.comment(thread, 'Root');
        let parent = root.id;
        const chain: string[] = [];
        for (let i = 0; i < 40; i++) chain.push((parent = (await ann.comment(thread, `Reply ${i}`, parent)).id));
        for (const id of chain.slice(10).reverse()) await ann.delete(`/comments/${id}`);
        const page = (await ann.get(path(thread))).body;
        assert.equal(page.comments.length, 11);
        assert.equal(page.total, 11);
      });

      it('pages by roots with a keyset cursor, pinned roots first, with an invalid cursor refused', async () => {
        const thread = newThread();
        const ann = server.visitor();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push((await ann.comment(thread, `Root ${i}`)).id);
        await ann.comment(thread, 'Reply', ids[0]!);
        const mod = server.moderator();
        assert.equal((await mod.post(`/comments/${ids[0]}/moderation`, { action: 'pin' })).body.pinned, true);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
          const page: any = (await ann.get(`${path(thread)}?sort=newest&limit=2${q}`)).body;
          seen.push(...page.comments.filter((c: any) => !c.parentId).map((c: any) => c.id));
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(seen, [ids[0], ids[4], ids[3], ids[2], ids[1]]);
        const bad = await ann.get(`${path(thread)}?cursor=nope`);
        assert.deepEqual([bad.status, bad.body.error.code], [422, 'validation']);
        assert.equal((await ann.get(`${path(thread)}?sort=random`)).status, 422);
      });

      it('likes once per reader, and unlikes', async () => {
        const thread = newThread();
        const c = await server.visitor().comment(thread, 'Like me');
        const ann = server.visitor();
        const like = (active: boolean) => ann.post(`/comments/${c.id}/reactions`, { reaction: 'like', active });
        assert.equal((await like(true)).body.likes, 1);
        assert.deepEqual(((await like(true)).body), { ...(await like(true)).body, likes: 1, viewerLiked: true });
        assert.equal((await server.visitor().post(`/comments/${c.id}/reactions`, { reaction: 'like', active: true })).body.likes, 2);
        assert.equal((await like(false)).body.likes, 1);
        assert.equal((await like(false)).body.likes, 1);
        assert.equal((await ann.post(`/comments/${c.id}/reactions`, { reaction: 'love', active: true })).status, 422);
      });

      it('refuses a reply to a comment of another thread, or to one that does not exist', async () => {
        const ann = server.visitor();
        const other = await ann.comment(newThread(), 'Elsewhere');
        const thread = newThread();
        for (const parentId of [other.id, 'nope']) {
          const r = await ann.post(path(thread), { body: 'Hi', parentId, author: { name: 'Ann' } });
          assert.deepEqual([r.status, r.body.error.code], [404, 'not_found']);
        }
        assert.equal((await ann.get(path(thread))).body.total, 0);
      });

      it('counts published comments per thread, for at most 100 threads', async () => {
        const a = newThread();
        const b = newThread();
        const ann = server.visitor();
        await ann.comment(a, 'One');
        await ann.comment(a, 'Two');
        const r = await ann.get(`/counts?threads=${encodeURIComponent(a)},${encodeURIComponent(b)}`);
        assert.deepEqual(r.body, { counts: { [a]: 2, [b]: 0 } });
        const many = Array.from({ length: 101 }, (_, i) => `t${i}`).join(',');
        assert.equal((await ann.get(`/counts?threads=${many}`)).status, 422);
      });
    });

    describe('limits and hostile input', () => {
      it('says which field is wrong: empty or long bodies, missing or long names', async () => {
        const ann = server.visitor();
        const thread = newThread();
        const cases: [unknown, string][] = [
          [{ body: '  ', author: { name: 'Ann' } }, 'body'],
          [{ body: 'x'.repeat(5001), author: { name: 'Ann' } }, 'body'],
          [{ body: 'Hi' }, 'name'],
          [{ body: 'Hi', author: { name: 'n'.repeat(101) } }, 'name'],
          [{ body: 42, author: { name: 'Ann' } }, 'body'],
        ];
        for (const [json, field] of cases) {
          const r = await ann.post(path(thread), { parentId: null, ...(json as object) });
          assert.deepEqual([r.status, r.body.error.code, r.body.error.field], [422, 'validation', field]);
        }
        assert.equal((await ann.post(path(thread), { body: '🙂'.repeat(5000), parentId: null, author: { name: 'Ann' } })).status, 201);
        assert.equal((await ann.get(path(thread))).body.total, 1);
      });

      it('answers a body over the limit with 413, by Content-Length and chunked', async () => {
        const ann = server.visitor();
        const thread = newThread();
        const big = JSON.stringify({ body: 'x'.repeat(70_000), parentId: null, author: { name: 'Ann' } });
        const sized = await ann.request('POST', path(thread), { body: big, headers: { 'Content-Type': 'application/json' } });
        assert.deepEqual([sized.status, sized.body.error.code], [413, 'payload_too_large']);
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode(big));
            c.close();
          },
        });
        const chunked = await ann.request('POST', path(thread), { body: stream, headers: { 'Content-Type': 'application/json' } });
        assert.equal(chunked.status, 413);
        assert.equal((await ann.get(path(thread))).body.total, 0);
      });

      it('answers anything but JSON with 415 and broken JSON with 400', async () => {
        const ann = server.visitor();
        const thread = newThread();
        for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
          const r = await ann.request('POST', path(thread), { body: 'body=hi', headers: { 'Content-Type': type } });
          assert.deepEqual([r.status, r.body.error.code], [415, 'unsupported_media_type'], type);
        }
        for (const body of ['{"body": "Hi"', 'null', '[1]', '"text"']) {
          const r = await ann.request('POST', path(thread), { body, headers: { 'Content-Type': 'application/json' } });
          assert.deepEqual([r.status, r.body.error.code], [400, 'bad_request'], body);
        }
        assert.equal((await ann.get(path(thread))).body.total, 0);
      });

      it('ignores unknown fields, and never takes an id, status, likes or author roles from the body', async () => {
        const ann = server.visitor();
        const r = await ann.post(path(newThread()), {
          body: 'Hi', parentId: null, author: { name: 'Ann', roles: ['moderator'], id: 'amara' },
          id: 'chosen', status: 'pending', likes: 1000, pinned: true, __proto__: { admin: true },
        });
        assert.equal(r.status, 201);
        assert.notEqual(r.body.id, 'chosen');
        assert.deepEqual([r.body.status, r.body.likes, r.body.pinned, r.body.author.roles], ['published', 0, false, []]);
        assert.notEqual(r.body.author.id, 'amara');
      });

      it('stores SQL metacharacters, markup and odd ids as text', async () => {
        const ann = server.visitor();
        const thread = `'; drop table comments; -- ../../${newThread()} 🙂 %00`;
        const body = `Robert'); DROP TABLE comments;-- <script>alert(1)</script> \\ $1 \u202e`;
        const c = await ann.comment(thread, body);
        const page = (await ann.get(path(thread))).body;
        assert.deepEqual([page.comments[0].body, page.comments[0].threadId], [body, thread]);
        assert.equal(c.threadId, thread);
        for (const bad of ['x'.repeat(201), 'a\u0000b', 'line\nbreak']) {
          assert.equal((await ann.get(path(bad))).status, 422, JSON.stringify(bad));
        }
      });

      it('refuses one reader\'s idempotency key reused for another request, and replays the first answer', async () => {
        const ann = server.visitor();
        const thread = newThread();
        const key = { 'Idempotency-Key': 'key-1' };
        const first = await ann.post(path(thread), { body: 'Once', parentId: null, author: { name: 'Ann' } }, key);
        const again = await ann.post(path(thread), { body: 'Once', parentId: null, author: { name: 'Ann' } }, key);
        assert.deepEqual([again.status, again.body.id], [201, first.body.id]);
        const other = await ann.post(path(thread), { body: 'Changed', parentId: null, author: { name: 'Ann' } }, key);
        assert.deepEqual([other.status, other.body.error.code, other.body.error.field], [422, 'validation', 'Idempotency-Key']);
        // Another reader's same key is another request.
        assert.equal((await server.visitor().post(path(thread), { body: 'Twice', parentId: null, author: { name: 'Bo' } }, key)).status, 201);
        assert.equal((await ann.get(path(thread))).body.total, 2);
      });

      it('stores one comment for 20 concurrent retries with the same key', async () => {
        const ann = server.visitor();
        await ann.get('/session');
        const thread = newThread();
        const answers = await Promise.all(Array.from({ length: 20 }, () =>
          ann.post(path(thread), { body: 'Race', parentId: null, author: { name: 'Ann' } }, { 'Idempotency-Key': 'race' })));
        assert.deepEqual([...new Set(answers.map((a) => a.status))], [201]);
        assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
        assert.equal((await ann.get(path(thread))).body.total, 1);
      });

      it('never shows a stack trace or SQL: an internal failure is a plain 500', async () => {
        const ann = server.visitor();
        const db = server.app.database;
        const query = db.query;
        db.query = (async (sql: string, params?: unknown[]) => {
          if (/from threads where id/.test(sql)) throw new Error('relation "threads" does not exist at character 42');
          return query.call(db, sql, params);
        }) as typeof query;
        const errors: unknown[] = [];
        const log = console.error;
        console.error = (...args) => errors.push(args);
        try {
          const r = await ann.get(path(newThread()));
          assert.equal(r.status, 500);
          assert.deepEqual(r.body, { error: { code: 'server_error', message: 'Something went wrong on the server. Please try again.' } });
        } finally {
          db.query = query;
          console.error = log;
        }
        assert.equal(errors.length, 1);
      });

      it('lets the site\'s own pages write through a reverse proxy that keeps the Host, and refuses a forged one', async () => {
        // fetch sets Host itself; a proxy's request is made with node:http.
        const status = await new Promise<number>((resolve, reject) => {
          const body = JSON.stringify({ body: 'x', parentId: null, author: { name: 'O' } });
          const headers = { Host: 'news.example:8088', Origin: 'http://news.example:8088', 'Content-Type': 'application/json' };
          request(new URL(server.url + path(newThread())), { method: 'POST', headers }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          }).on('error', reject).end(body);
        });
        assert.equal(status, 201);
        // Without --trust-proxy, X-Forwarded-* say nothing.
        const forwarded = server.visitor({ Origin: 'https://news.example', 'X-Forwarded-Host': 'news.example', 'X-Forwarded-Proto': 'https' });
        assert.equal((await forwarded.post(path(newThread()), { body: 'x', parentId: null, author: { name: 'O' } })).status, 403);
      });

      it('answers an unknown route with the contract\'s 404 body', async () => {
        const r = await server.visitor().get('/nope');
        assert.deepEqual([r.status, r.body.error.code], [404, 'not_found']);
      });
    });

    describe('polls', () => {
      const poll = { id: 'sleep', question: 'How long do you sleep?', options: [{ id: 'short', label: 'Under 6 h' }, { id: 'long', label: '6 h or more' }] };

      it('are created with the admin key only, and take one ballot per visitor and per user', async () => {
        const id = newThread('poll');
        assert.equal((await server.visitor().post('/admin/polls', { ...poll, id })).status, 403);
        const created = await server.moderator().post('/admin/polls', { ...poll, id });
        assert.equal(created.status, 201);
        assert.deepEqual(created.body.options, [{ id: 'short', label: 'Under 6 h', votes: 0 }, { id: 'long', label: '6 h or more', votes: 0 }]);
        const ann = server.visitor();
        const voted = await ann.post(`/polls/${id}/votes`, { optionIds: ['long'] });
        assert.deepEqual([voted.status, voted.body.totalVotes, voted.body.viewerVote], [200, 1, ['long']]);
        const twice = await ann.post(`/polls/${id}/votes`, { optionIds: ['short'] });
        assert.deepEqual([twice.status, twice.body.error.code], [409, 'already_voted']);
        const user = async () => server.user({ sub: 'voter', name: 'V' });
        assert.equal((await (await user()).post(`/polls/${id}/votes`, { optionIds: ['short'] })).status, 200);
        assert.equal((await (await user()).post(`/polls/${id}/votes`, { optionIds: ['short'] })).status, 409);
        assert.equal((await ann.get(`/polls/${id}`)).body.totalVotes, 2);
        assert.equal((await server.moderator().post('/admin/polls', { ...poll, id })).status, 409);
      });

      it('refuse a malformed definition with the field at fault', async () => {
        const r = await server.moderator().post('/admin/polls', { ...poll, id: 'p', options: [{ id: 'a', label: 'A' }] });
        assert.deepEqual([r.status, r.body.error.field], [422, 'options']);
        const v = await server.moderator().post('/admin/polls', { ...poll, id: 'p', resultsVisibility: 'never' });
        assert.deepEqual([v.status, v.body.error.field], [422, 'resultsVisibility']);
      });

      it('hide results until closed under after-close, and refuse votes once closed', async () => {
        const id = newThread('poll');
        await server.moderator().post('/admin/polls', { ...poll, id, resultsVisibility: 'after-close' });
        const ann = server.visitor();
        const voted = (await ann.post(`/polls/${id}/votes`, { optionIds: ['short'] })).body;
        assert.deepEqual([voted.totalVotes, voted.options[0].votes], [null, null]);
        const closed = newThread('poll');
        await server.moderator().post('/admin/polls', { ...poll, id: closed, closesAt: '2000-01-01T00:00:00Z' });
        const shut = await ann.post(`/polls/${closed}/votes`, { optionIds: ['short'] });
        assert.deepEqual([shut.status, shut.body.error.code], [409, 'poll_closed']);
        assert.equal((await ann.get('/polls/nope')).status, 404);
      });
    });
  });
}

describe('the widgets\' files and the try-it page', () => {
  it('serves the widgets at /widgets/ and a page using them at /', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ew-widgets-'));
    writeFileSync(join(dir, 'loader.js'), 'window.loaded = true;');
    const server = await startServer('pglite', { widgetsDir: dir });
    try {
      const origin = server.url.replace(/\/api$/, '');
      const script = await fetch(`${origin}/widgets/loader.js`);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('Content-Type') ?? '', /javascript/);
      assert.equal(await script.text(), 'window.loaded = true;');
      assert.equal((await fetch(`${origin}/widgets/../package.json`)).status, 404);
      const page = await (await fetch(`${origin}/`)).text();
      assert.match(page, /<script src="\/widgets\/loader\.js" defer><\/script>/);
      assert.match(page, /<experience-comments thread="try-it" endpoint="\/api"><\/experience-comments>/);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the edit window (PGlite)', () => {
  let server: TestServer;
  let now = Date.parse('2026-06-01T12:00:00Z');
  before(async () => {
    server = await startServer('pglite', { editWindowMinutes: 15, now: () => new Date(now) });
  });
  after(() => server.close());

  it('lets the author edit and delete for 15 minutes, then neither', async () => {
    const ann = server.visitor();
    const thread = newThread();
    const c = await ann.comment(thread, 'Typo');
    now += 14 * 60_000;
    assert.equal((await ann.patch(`/comments/${c.id}`, { body: 'Fixed' })).status, 200);
    now += 2 * 60_000;
    assert.equal((await ann.get(path(thread))).body.comments[0].viewerCanEdit, false);
    const late = await ann.patch(`/comments/${c.id}`, { body: 'Too late' });
    assert.deepEqual([late.status, late.body.error.code], [403, 'forbidden']);
    assert.equal((await ann.delete(`/comments/${c.id}`)).status, 403);
    assert.equal((await ann.get(path(thread))).body.comments[0].body, 'Fixed');
  });
});

describe('reports with --report-threshold 0 (PGlite)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer('pglite', { reportThreshold: 0 });
  });
  after(() => server.close());

  it('never holds a comment back, however many report it', async () => {
    const thread = newThread();
    const c = await server.visitor().comment(thread, 'Reported a lot');
    for (let i = 0; i < 5; i++) await server.visitor().post(`/comments/${c.id}/reports`, { reason: 'Spam' });
    const page = (await server.visitor().get(path(thread))).body;
    assert.deepEqual([page.total, page.comments[0].status], [1, 'published']);
  });
});

describe('behind a trusted proxy (PGlite)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer('pglite', { trustProxy: true });
  });
  after(() => server.close());

  it('takes the scheme and host from X-Forwarded-Proto and -Host: a Secure cookie, same-origin writes', async () => {
    const proxied = server.visitor({ Origin: 'https://news.example', 'X-Forwarded-Host': 'news.example', 'X-Forwarded-Proto': 'https' });
    const r = await proxied.post(path(newThread()), { body: 'x', parentId: null, author: { name: 'P' } });
    assert.equal(r.status, 201);
    assert.match(r.headers.getSetCookie()[0]!, /; Secure/);
    const other = server.visitor({ Origin: 'https://evil.example', 'X-Forwarded-Host': 'news.example', 'X-Forwarded-Proto': 'https' });
    assert.equal((await other.post(path(newThread()), { body: 'x', parentId: null, author: { name: 'P' } })).status, 403);
  });
});

describe('rate limits and CORS (PGlite)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer('pglite', { rateLimit: 3, origins: ['https://site.example'] });
  });
  after(() => server.close());

  it('answers the write over the limit with 429 and Retry-After, per visitor and per IP', async () => {
    const thread = newThread();
    const ann = server.visitor();
    for (let i = 0; i < 3; i++) assert.equal((await ann.post(path(thread), { body: `${i}`, parentId: null, author: { name: 'A' } })).status, 201);
    const over = await ann.post(path(thread), { body: 'one more', parentId: null, author: { name: 'A' } });
    assert.deepEqual([over.status, over.body.error.code], [429, 'rate_limited']);
    const wait = Number(over.headers.get('Retry-After'));
    assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    // Another visitor on the same address is over the IP's limit too.
    assert.equal((await server.visitor().post(path(thread), { body: 'x', parentId: null, author: { name: 'B' } })).status, 429);
    // Reading is never limited.
    assert.equal((await ann.get(path(thread))).status, 200);
  });

  it('lets allowed origins in with credentials, and keeps others\' pages from reading or writing', async () => {
    const preflight = await server.visitor({ Origin: 'https://site.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' })
      .request('OPTIONS', path('t'));
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), 'https://site.example');
    assert.equal(preflight.headers.get('Access-Control-Allow-Credentials'), 'true');
    assert.match(preflight.headers.get('Access-Control-Allow-Headers') ?? '', /Idempotency-Key/i);
    const read = await server.visitor({ Origin: 'https://site.example' }).get('/session');
    assert.equal(read.headers.get('Access-Control-Allow-Origin'), 'https://site.example');
    assert.match(read.headers.get('Vary') ?? '', /Origin/);
    const evil = await server.visitor({ Origin: 'https://evil.example' }).get('/session');
    assert.equal(evil.headers.get('Access-Control-Allow-Origin'), null);
    const write = await server.visitor({ Origin: 'https://evil.example' }).post(path('t'), { body: 'x', parentId: null, author: { name: 'E' } });
    assert.deepEqual([write.status, write.body.error.code], [403, 'forbidden']);
    const opaque = await server.visitor({ Origin: 'null' }).post(path('t'), { body: 'x', parentId: null, author: { name: 'E' } });
    assert.equal(opaque.status, 403);
  });

});

for (const kind of KINDS) {
  describe(`moderation on ${kind}`, () => {
    let server: TestServer;
    let mod: Client;
    before(async () => {
      server = await startServer(kind, { moderation: 'pre' });
      mod = server.moderator();
    });
    after(() => server.close());

    it('holds anonymous comments under pre: shown to their author and moderators only, counted once approved', async () => {
      const thread = newThread();
      const ann = server.visitor();
      const held = await ann.comment(thread, 'Held');
      assert.equal(held.status, 'pending');
      const signedIn = await (await server.user({ sub: 'u1', name: 'U' })).comment(thread, 'Straight through');
      assert.equal(signedIn.status, 'published');
      const bob = server.visitor();
      assert.deepEqual((await bob.get(path(thread))).body.comments.map((c: any) => c.id), [signedIn.id]);
      assert.deepEqual((await ann.get(path(thread))).body.comments.map((c: any) => c.status).sort(), ['pending', 'published']);
      assert.equal((await mod.get(path(thread))).body.comments.length, 2);
      assert.equal((await bob.get(path(thread))).body.total, 1);
      assert.deepEqual((await bob.get(`/counts?threads=${thread}`)).body.counts[thread], 1);
      // Nobody but its author and moderators may reply to it or like it.
      assert.equal((await bob.post(`/comments/${held.id}/reactions`, { reaction: 'like', active: true })).status, 404);

      const forbidden = await bob.post(`/comments/${held.id}/moderation`, { action: 'approve' });
      assert.deepEqual([forbidden.status, forbidden.body.error.code], [403, 'forbidden']);
      const approved = await mod.post(`/comments/${held.id}/moderation`, { action: 'approve' });
      assert.equal(approved.body.status, 'published');
      assert.equal((await bob.get(path(thread))).body.total, 2);
    });

    it('rejects like a deletion, pins roots only, and logs who did what', async () => {
      const thread = newThread();
      const ann = server.visitor();
      const held = await ann.comment(thread, 'Spam');
      const root = await (await server.user({ sub: 'u2', name: 'U' })).comment(thread, 'Root');
      const reply = await (await server.user({ sub: 'u3', name: 'V' })).comment(thread, 'Reply', root.id);
      assert.equal((await mod.post(`/comments/${held.id}/moderation`, { action: 'reject' })).body.status, 'deleted');
      assert.equal((await ann.get(path(thread))).body.comments.some((c: any) => c.id === held.id), false);
      assert.equal((await mod.post(`/comments/${reply.id}/moderation`, { action: 'pin' })).status, 422);
      assert.equal((await mod.post(`/comments/${root.id}/moderation`, { action: 'pin' })).body.pinned, true);
      assert.equal((await mod.post(`/comments/${root.id}/moderation`, { action: 'delete' })).status, 422);
      const log = await server.app.database.query<{ action: string; actor_id: string }>(
        'select action, actor_id from moderation_log where comment_id = any($1::text[]) order by id', [[held.id, root.id]]);
      assert.deepEqual(log.rows.map((r) => [r.action, r.actor_id]), [['reject', 'admin'], ['pin', 'admin']]);
    });

    it('holds a published comment back at 3 reports (one per reader) until a moderator decides, its replies kept', async () => {
      const thread = newThread();
      const author = await server.user({ sub: 'u5', name: 'P' });
      const root = await author.comment(thread, 'Controversial');
      const reply = await (await server.user({ sub: 'u6', name: 'Q' })).comment(thread, 'A reply', root.id);
      const report = (client: Client) => client.post(`/comments/${root.id}/reports`, { reason: 'Rude' });
      const again = server.visitor();
      for (const client of [again, again, server.visitor()]) assert.equal((await report(client)).status, 202);
      assert.equal((await server.visitor().get(path(thread))).body.total, 2, 'two readers reported: still published');
      await report(server.visitor());

      const seen = (await server.visitor().get(path(thread))).body;
      assert.deepEqual(seen.comments.map((c: any) => [c.id, c.status, c.body, c.author.name]), [
        [root.id, 'deleted', '', ''],
        [reply.id, 'published', 'A reply', 'Q'],
      ]);
      assert.equal(seen.total, 1);
      assert.equal((await server.visitor().get(`/counts?threads=${thread}`)).body.counts[thread], 1);
      assert.equal((await server.visitor().post(`/comments/${root.id}/reactions`, { reaction: 'like', active: true })).status, 404);
      assert.deepEqual((await author.get(path(thread))).body.comments.map((c: any) => [c.status, c.body]), [['pending', 'Controversial'], ['published', 'A reply']]);
      const queued = (await mod.get('/moderation?limit=100')).body.comments.find((c: any) => c.id === root.id);
      assert.deepEqual([queued.status, queued.reports, queued.reportReasons], ['pending', 3, ['Rude', 'Rude', 'Rude']]);

      assert.equal((await mod.post(`/comments/${root.id}/moderation`, { action: 'approve' })).body.status, 'published');
      await report(server.visitor());
      const after = (await server.visitor().get(path(thread))).body;
      assert.deepEqual([after.total, after.comments[0].status], [2, 'published'], 'approved: a fourth report does not hold it again');
    });

    it('lets moderators delete any comment, and lists pending and reported ones with reasons, newest first', async () => {
      const thread = newThread();
      const held = await server.visitor().comment(thread, 'Held for review');
      const reported = await (await server.user({ sub: 'u4', name: 'R' })).comment(thread, 'Buy pills');
      await server.visitor().post(`/comments/${reported.id}/reports`, { reason: 'Spam' });
      const reporter = server.visitor();
      assert.equal((await reporter.post(`/comments/${reported.id}/reports`, { reason: 'Ads' })).status, 202);
      // The same reader again: one report, the reason replaced.
      assert.equal((await reporter.post(`/comments/${reported.id}/reports`, { reason: 'Advertising' })).status, 202);
      const queue = (await mod.get('/moderation?limit=100')).body;
      const mine = queue.comments.filter((c: any) => c.threadId === thread);
      assert.deepEqual(mine.map((c: any) => [c.id, c.reports, c.reportReasons]), [
        [reported.id, 2, ['Spam', 'Advertising']],
        [held.id, 0, []],
      ]);
      const plain = (await server.visitor().get(path(thread))).body.comments[0];
      assert.equal('reports' in plain, false);
      assert.equal((await server.visitor().get('/moderation')).status, 403);
      assert.equal((await mod.delete(`/comments/${reported.id}`)).status, 204);
      assert.equal((await mod.get('/moderation?limit=100')).body.comments.some((c: any) => c.id === reported.id), false);
    });
  });
}

for (const kind of KINDS) {
  describe(`clearData on ${kind}`, () => {
    it('empties every table but the settings: threads, comments, polls and votes go, the cookie key stays', async () => {
      const server = await startServer(kind);
      try {
        const ann = server.visitor();
        const thread = newThread();
        await ann.comment(thread, 'Gone soon');
        await server.moderator().post('/admin/polls', { id: 'p', question: 'Q?', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] });
        await ann.post('/polls/p/votes', { optionIds: ['a'] });
        const key = (await server.app.database.query<{ value: string }>(`select value from settings where key = 'cookie_secret'`)).rows[0]!.value;
        await clearData(server.app.database);
        assert.equal((await ann.get(`/threads/${thread}/comments`)).body.total, 0);
        assert.equal((await ann.get('/polls/p')).status, 404);
        const after = (await server.app.database.query<{ value: string }>(`select value from settings where key = 'cookie_secret'`)).rows[0]!.value;
        assert.equal(after, key);
        assert.equal((await ann.get('/session')).headers.getSetCookie().length, 0, 'the visitor cookie still verifies');
      } finally {
        await server.close();
      }
    });
  });
}
