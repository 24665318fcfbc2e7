// Imports from Disqus and WordPress, and export/restore, through the library functions the CLI
// calls, checked over HTTP, once per database (and across them for a move).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../src/db/index.js';
import { importDisqus } from '../src/import/disqus.js';
import { htmlToText } from '../src/import/html-to-text.js';
import { exportJson, importJson } from '../src/import/json.js';
import { importWordpress } from '../src/import/wordpress.js';
import { listen } from '../src/index.js';
import { ADMIN_KEY, Client, KINDS, newThread, startServer, TOKEN_SECRET, type Kind, type TestServer } from './harness.js';
import { freshDatabase } from './postgres.mjs';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ew-import-'));
});
after(() => rm(dir, { recursive: true, force: true }));

let files = 0;
const file = async (name: string, content: string) => {
  const path = join(dir, `${++files}-${name}`);
  await writeFile(path, content);
  return path;
};

/** Every comment of a thread as the public sees it: [body, author, parent's body or null]. */
async function thread(client: Client, id: string): Promise<[string, string, string | null][]> {
  const r = await client.get(`/threads/${encodeURIComponent(id)}/comments?sort=oldest&limit=100`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const byId = new Map(r.body.comments.map((c: any) => [c.id, c]));
  return r.body.comments.map((c: any) => [c.body, c.author.name, c.parentId ? (byId.get(c.parentId) as any).body : null]);
}

/** A request that an attacker's DTD would make, were it ever fetched. */
let fetched = 0;
const trap = createHttpServer((_, res) => {
  fetched++;
  res.end('leaked');
});
before(() => new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve)));
after(() => new Promise<void>((resolve) => trap.close(() => resolve())));
const trapUrl = () => `http://127.0.0.1:${(trap.address() as { port: number }).port}/x`;

const disqus = (thread: string) => `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE disqus [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "${trapUrl()}">
]>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>site</forum><title>General</title><isDefault>true</isDefault></category>
  <thread dsq:id="100"><id>${thread}</id><forum>site</forum><category dsq:id="1"/><link>https://old.example/2020/01/hello/</link><title>Hello &amp; welcome</title><createdAt>2020-01-01T00:00:00Z</createdAt><author><name>Owner</name></author></thread>
  <thread dsq:id="101"><id></id><link>https://old.example/2020/02/other/</link><title>Other</title></thread>
  <post dsq:id="1001"><id/><message><![CDATA[<p>First <b>para</b>graph&nbsp;&amp;&nbsp;more.</p><p>Second<br>line two</p><script>alert(1)</script><style>p{}</style>]]></message><createdAt>2020-01-02T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>ann@example.com</email><name>Ann &lt;script&gt;alert(1)&lt;/script&gt;</name><isAnonymous>false</isAnonymous><username>ann</username></author><thread dsq:id="100"/></post>
  <post dsq:id="1003"><message><![CDATA[<a href="javascript:alert(1)">click</a> and <a href="https://ok.example/page?a=1&amp;b=2">this</a> <img src=x onerror="alert(1)">]]></message><createdAt>2020-01-02T12:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Cy</name></author><thread dsq:id="100"/><parent dsq:id="1002"/></post>
  <post dsq:id="1002"><message>&lt;p&gt;Escaped &amp;amp;lt;b&amp;amp;gt; reply &amp;xxe; &amp;remote;&lt;/p&gt;</message><createdAt>2020-01-02T11:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Bo&amp;nbsp;B</name></author><thread dsq:id="100"/><parent dsq:id="1001"/></post>
  <post dsq:id="1004"><message><![CDATA[Buy pills]]></message><createdAt>2020-01-03T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>true</isSpam><author><name>Spammer</name></author><thread dsq:id="100"/></post>
  <post dsq:id="1005"><message><![CDATA[]]></message><createdAt>2020-01-03T00:00:00Z</createdAt><isDeleted>true</isDeleted><isSpam>false</isSpam><author><name>Gone</name></author><thread dsq:id="100"/></post>
  <post dsq:id="1006"><message><![CDATA[Reply to a deleted one &xxe;]]></message><createdAt>2020-01-04T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Di</name></author><thread dsq:id="100"/><parent dsq:id="1005"/></post>
  <post dsq:id="1007"><message><![CDATA[On the other page]]></message><createdAt>2020-02-02T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Ed</name></author><thread dsq:id="101"/></post>
  <post dsq:id="1008"><message><![CDATA[Parent never exported]]></message><createdAt>2020-02-03T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Fay</name></author><thread dsq:id="101"/><parent dsq:id="9999"/></post>
</disqus>`;

const wxr = (post: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>A blog</title><link>https://blog.example</link><wp:base_site_url>https://blog.example</wp:base_site_url>
  <item>
    <title>Hello world</title><link>https://blog.example/${post}/</link>
    <wp:post_id>12</wp:post_id><wp:post_name><![CDATA[${post}]]></wp:post_name><wp:post_type><![CDATA[post]]></wp:post_type><wp:status><![CDATA[publish]]></wp:status>
    <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Ann &amp; Co <b>]]></wp:comment_author><wp:comment_author_email><![CDATA[a@example.com]]></wp:comment_author_email>
      <wp:comment_author_url>https://ann.example/</wp:comment_author_url><wp:comment_date><![CDATA[2021-03-04 12:00:00]]></wp:comment_date><wp:comment_date_gmt><![CDATA[2021-03-04 11:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Line one
line two

New paragraph with <a href="http://link.example/">http://link.example/</a> ]]]]><![CDATA[> end]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
    <wp:comment><wp:comment_id>6</wp:comment_id><wp:comment_author><![CDATA[Bob]]></wp:comment_author><wp:comment_author_url>javascript:alert(1)</wp:comment_author_url>
      <wp:comment_date_gmt>2021-03-04 12:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[<script>document.cookie</script>Reply <em>here</em>]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>5</wp:comment_parent><wp:comment_user_id>3</wp:comment_user_id></wp:comment>
    <wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author>Waiting</wp:comment_author><wp:comment_date_gmt>2021-03-05 12:00:00</wp:comment_date_gmt><wp:comment_content>Not approved yet</wp:comment_content><wp:comment_approved>0</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
    <wp:comment><wp:comment_id>8</wp:comment_id><wp:comment_author>S</wp:comment_author><wp:comment_date_gmt>2021-03-05 12:00:00</wp:comment_date_gmt><wp:comment_content>cheap</wp:comment_content><wp:comment_approved>spam</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
    <wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_author>T</wp:comment_author><wp:comment_date_gmt>2021-03-05 12:00:00</wp:comment_date_gmt><wp:comment_content>binned</wp:comment_content><wp:comment_approved>trash</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
    <wp:comment><wp:comment_id>10</wp:comment_id><wp:comment_author>Other blog</wp:comment_author><wp:comment_date_gmt>2021-03-05 12:00:00</wp:comment_date_gmt><wp:comment_content>linked you</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>pingback</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
  </item>
</channel>
</rss>`;

describe('HTML bodies as plain text', () => {
  const cases: [string, string, string][] = [
    ['paragraphs and breaks', '<p>One</p><p>Two<br/>three</p>', 'One\n\nTwo\nthree'],
    ['http/https link targets after their text, others dropped', '<a href="https://a.example/x">see</a> <a href="javascript:alert(1)">js</a> <a href=\'data:text/html,x\'>d</a>', 'see (https://a.example/x) js d'],
    ['a link whose text is its target once', '<a href="https://a.example/">https://a.example/</a>', 'https://a.example/'],
    ['script, style and template content dropped, unclosed too', 'a<script>x</script>b<STYLE>y</STYLE>c<template><p>t</p></template><script>never closed', 'abc'],
    ['entities decoded once, markup in them kept as text', '&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &nbsp;&#x41;&#66;', '<script>alert(1)</script> &amp; AB'],
    ['comments, images and attributes with ">" in quotes', 'x<!-- <p>hidden</p> --><img alt="a>b" onerror="alert(1)">y', 'xy'],
  ];
  for (const [what, html, text] of cases) it(what, () => assert.equal(htmlToText(html), text));
  it('keeps WordPress line breaks with newlines', () => assert.equal(htmlToText('a\nb\n\n\n c', { newlines: true }), 'a\nb\n\nc'));
});

for (const kind of KINDS) {
  describe(`imports on ${kind}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(kind);
    });
    after(() => server.close());

    it('imports a Disqus export: replies under parents, names and text safe, spam and deleted left out, nothing twice', async () => {
      const id = newThread('disqus');
      const path = await file('disqus.xml', disqus(id));
      const first = await importDisqus(server.app.database, path, { batchSize: 2 });
      assert.deepEqual(first, { added: 7, existing: 0, orphans: 1, threads: 2, skipped: { spam: 1, deleted: 1, unusable: 0 } });
      const public_ = server.visitor();
      assert.deepEqual(await thread(public_, id), [
        ['First paragraph & more.\n\nSecond\nline two', 'Ann <script>alert(1)</script>', null],
        ['', '', null],
        ['Escaped &lt;b&gt; reply &xxe; &remote;', 'Bo B', 'First paragraph & more.\n\nSecond\nline two'],
        ['click and this (https://ok.example/page?a=1&b=2)', 'Cy', 'Escaped &lt;b&gt; reply &xxe; &remote;'],
        ['Reply to a deleted one &xxe;', 'Di', ''],
      ]);
      assert.deepEqual(await thread(public_, '/2020/02/other'), [['On the other page', 'Ed', null], ['Parent never exported', 'Fay', null]]);
      assert.equal((await public_.get(`/counts?threads=${encodeURIComponent(id)}`)).body.counts[id], 4);
      assert.equal(fetched, 0, 'the DTD\'s entities were never fetched');

      const again = await importDisqus(server.app.database, path);
      assert.deepEqual([again.added, again.existing], [0, 6], 'the placeholder is there already: its reply finds it');
      assert.equal((await thread(public_, id)).length, 5);
      const sources = await server.app.database.query<{ source: string }>(`select source from comments where thread_id = $1 and source is not null order by source`, [id]);
      assert.deepEqual(sources.rows.map((r) => r.source), ['disqus:1001', 'disqus:1002', 'disqus:1003', 'disqus:1005', 'disqus:1006']);
    });

    it('imports a WordPress export with --map: approved published, unapproved pending, spam, trash and pingbacks left out', async () => {
      const post = newThread('wp');
      const target = newThread('mapped');
      const summary = await importWordpress(server.app.database, await file('wp.xml', wxr(post)), { map: { [`/${post}`]: target } });
      assert.deepEqual(summary, { added: 3, existing: 0, orphans: 0, threads: 1, skipped: { spam: 1, deleted: 1, unusable: 1 } });
      assert.deepEqual(await thread(server.visitor(), target), [
        ['Line one\nline two\n\nNew paragraph with http://link.example/ ]]> end', 'Ann & Co <b>', null],
        ['Reply here', 'Bob', 'Line one\nline two\n\nNew paragraph with http://link.example/ ]]> end'],
      ]);
      const r = await server.visitor().get(`/threads/${target}/comments?sort=oldest`);
      assert.deepEqual(r.body.comments.map((c: any) => [c.author.url, c.createdAt]), [['https://ann.example/', '2021-03-04T11:00:00.000Z'], [null, '2021-03-04T12:00:00.000Z']]);
      const queue = (await server.moderator().get('/moderation?limit=100')).body.comments;
      assert.ok(queue.some((c: any) => c.body === 'Not approved yet' && c.status === 'pending'), 'the unapproved comment waits for a moderator');
    });

    it('stops at malformed XML with the place, keeping what came before', async () => {
      const id = newThread('broken');
      // Other Disqus ids than the first test's, which are stored already.
      const text = disqus(id).replaceAll('dsq:id="10', 'dsq:id="70').replace('<post dsq:id="7007">', '<post dsq:id="7007"><oops></post>');
      await assert.rejects(importDisqus(server.app.database, await file('broken.xml', text), { batchSize: 1 }), (e: Error) => {
        assert.equal(e.name, 'ImportError');
        assert.match(e.message, /broken\.xml:\d+:\d+: .*run it again/);
        return true;
      });
      assert.ok((await thread(server.visitor(), id)).length > 0);
    });
  });
}

/** A site's data: comments with a reply, a like, a report, a moderator's pin, a poll with a ballot. */
async function populate(server: TestServer) {
  const id = newThread('backup');
  const ann = await server.user({ sub: 'ann', name: 'Ann' });
  const root = await ann.comment(id, 'Root "quoted"\nwith a line');
  const visitor = server.visitor();
  const reply = await visitor.comment(id, 'Reply', root.id);
  await visitor.post(`/comments/${root.id}/reactions`, { reaction: 'like', active: true });
  await visitor.post(`/comments/${reply.id}/reports`, { reason: 'Rude' });
  await server.moderator().post(`/comments/${root.id}/moderation`, { action: 'pin' });
  const poll = { id: newThread('poll'), question: 'Q?', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] };
  assert.equal((await server.moderator().post('/admin/polls', poll)).status, 201);
  await visitor.post(`/polls/${poll.id}/votes`, { optionIds: ['b'] });
  return { id, poll: poll.id, visitor, ann };
}

for (const [from, to] of [['pglite', 'postgres'], ['postgres', 'pglite']] as [Kind, Kind][]) {
  describe(`export on ${from}, import json on ${to}`, () => {
    it('moves every thread, comment, like, report, log entry, poll and ballot; readers keep their comments and votes; nothing twice', async () => {
      const source = await startServer(from);
      let site: Awaited<ReturnType<typeof populate>>;
      let before: { thread: unknown; poll: unknown; mine: unknown };
      const path = join(dir, `${++files}-backup.json`);
      try {
        site = await populate(source);
        before = {
          thread: (await site.visitor.get(`/threads/${site.id}/comments`)).body,
          poll: (await site.visitor.get(`/polls/${site.poll}`)).body,
          mine: (await site.ann.get(`/threads/${site.id}/comments`)).body.comments.map((c: any) => c.viewerCanEdit),
        };
        const counts = await exportJson(source.app.database, path);
        assert.equal(counts.comments, 2);
        assert.equal(counts.ballots, 1);
      } finally {
        await source.close();
      }
      const lines = (await readFile(path, 'utf8')).split('\n');
      assert.match(lines[0]!, /^\{"format":"experience-widgets-server","version":1,"exportedAt":"/);
      JSON.parse(lines.join('\n'));

      const db = await openDatabase(to === 'postgres' ? { databaseUrl: await freshDatabase() } : { data: 'memory://' });
      const restored = await importJson(db, path);
      assert.deepEqual([restored.comments, restored.reactions, restored.reports, restored.polls, restored.ballots, restored.moderationLog], [2, 1, 1, 1, 1, 1]);
      const again = await importJson(db, path);
      assert.deepEqual([again.comments, again.reactions, again.polls, again.ballots, again.moderationLog], [0, 0, 0, 0, 0]);
      const target = await listen({ database: db, port: 0, tokenSecret: TOKEN_SECRET, adminKey: ADMIN_KEY, rateLimit: 0, widgetsDir: null });
      try {
        // The same clients, with the same cookie and token, against the restored database.
        const visitor = site!.visitor.at(target.url);
        const ann = site!.ann.at(target.url);
        assert.deepEqual((await visitor.get(`/threads/${site!.id}/comments`)).body, before!.thread);
        assert.deepEqual((await visitor.get(`/polls/${site!.poll}`)).body, before!.poll);
        assert.deepEqual((await ann.get(`/threads/${site!.id}/comments`)).body.comments.map((c: any) => c.viewerCanEdit), before!.mine);
        assert.equal((await visitor.post(`/polls/${site!.poll}/votes`, { optionIds: ['a'] })).status, 409, 'the ballot came along');
        const log = await db.query<{ id: number }>('select id from moderation_log order by id');
        const pinned = await new Client(target.url, { Authorization: `Bearer ${ADMIN_KEY}` }).post(`/comments/${before!.thread && (before!.thread as any).comments[0].id}/moderation`, { action: 'unpin' });
        assert.equal(pinned.status, 200);
        assert.equal((await db.query<{ n: number }>('select count(*)::int as n from moderation_log')).rows[0]!.n, log.rows.length + 1, 'new log entries are numbered after the restored ones');
      } finally {
        await target.close();
        await db.close();
      }
    });
  });
}

describe('import json refuses what is not an export', () => {
  const bad: [string, string, RegExp][] = [
    ['another JSON file', '{"comments": []}', /line 1: not an export/],
    ['a reformatted export', '{"format":"experience-widgets-server","version":1,"exportedAt":"x"\n,"settings":[\n  {"key": "a", "value": "b"}\n]\n}', /line 3: unexpected/],
    ['a cut-off export', '{"format":"experience-widgets-server","version":1,"exportedAt":"x"\n,"threads":[\n{"id":"t","createdAt":"2020-01-01T00:00:00Z"}', /ends early/],
    ['a future version', '{"format":"experience-widgets-server","version":9,"exportedAt":"x"\n}', /version 9/],
  ];
  for (const [what, text, message] of bad) {
    it(what, async () => {
      const db = await openDatabase({ data: 'memory://' });
      try {
        await assert.rejects(importJson(db, await file('bad.json', text)), message);
      } finally {
        await db.close();
      }
    });
  }
});
