// `npm run bench:hostile`: the sizes of #14, over real HTTP on 127.0.0.1 through RestAdapter (run
// with tsx, in Node's V8, the engine of Chromium): how long a server that ignores `limit` (120,000
// comments, 49 MB), a 50 MB body and a 5 MB body take to be refused, with and without a
// Content-Length, and how long the checks of a full 10,000-comment page take. Figures, not
// assertions (test/hostile/sizes.test.ts holds the bounds); the target is under 2 s for each.
import { createServer } from 'node:http';
import { RestAdapter } from '../../src/adapters/rest.ts';
import { asCommentPage } from '../../src/model/validate.ts';

const comment = (i, parentId = null) => ({
  id: `c${i}`, threadId: 't1', parentId, author: { id: `u${i}`, name: `Person ${i}` }, body: 'y'.repeat(300),
  createdAt: '2026-11-24T12:00:00.000Z', editedAt: null, status: 'published', likes: i % 7,
});
const pageOf = (n, roots = n) => JSON.stringify({
  comments: Array.from({ length: n }, (_, i) => comment(i, i < roots ? null : 'c0')), nextCursor: null, total: n,
});

const bodies = {
  '120,000 comments': pageOf(120_000),
  '50 MB': `{"x":"${'x'.repeat(50 * 1024 * 1024)}"}`,
  '5 MB': `{"x":"${'x'.repeat(5 * 1024 * 1024)}"}`,
};

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const body = bodies[url.searchParams.get('body')];
  const chunked = url.searchParams.get('chunked') === '1';
  res.writeHead(200, { 'Content-Type': 'application/json', ...(chunked ? {} : { 'Content-Length': Buffer.byteLength(body) }) });
  if (!chunked) return res.end(body);
  // Streamed in 64 KB pieces without a length, as a proxy that compresses would send it.
  let at = 0;
  const next = () => {
    while (at < body.length) {
      const more = res.write(body.slice(at, (at += 65_536)));
      if (!more) return res.once('drain', next);
    }
    res.end();
  };
  res.on('close', () => (at = body.length));
  next();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const rows = [];
for (const [name, body] of Object.entries(bodies)) {
  for (const chunked of [false, true]) {
    // The query rides on the cursor: the adapter sends it as given, encoded.
    const a = new RestAdapter({ endpoint: base, fetch: (url, init) => fetch(`${base}/?body=${encodeURIComponent(name)}&chunked=${chunked ? 1 : 0}`, init) });
    const started = performance.now();
    let outcome;
    try {
      const page = await a.listComments({ threadId: 't1', sort: 'newest', limit: 20 });
      outcome = `shown: ${page.comments.length} comments`;
    } catch (e) {
      outcome = `${e.code}: ${e.message}`;
    }
    rows.push({ answer: `${name} (${(Buffer.byteLength(body) / 1024 / 1024).toFixed(1)} MB)`, length: chunked ? 'streamed' : 'Content-Length', ms: Math.round(performance.now() - started), outcome });
  }
}
server.close();

const full = JSON.parse(pageOf(10_000, 20));
let started = performance.now();
asCommentPage(full, 20);
rows.push({ answer: 'a full page: 20 roots, 9,980 replies', length: 'parsed', ms: Math.round(performance.now() - started), outcome: 'checked and bounded' });
started = performance.now();
try {
  asCommentPage(JSON.parse(pageOf(10_001, 20)), 20);
} catch (e) {
  rows.push({ answer: '10,001 comments in a page', length: 'parsed', ms: Math.round(performance.now() - started), outcome: `${e.code}: ${e.message}` });
}
console.table(rows);
