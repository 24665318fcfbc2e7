// `npm run bench:page`: what a long article with the comments at its end costs with the loader and
// with the one file, side by side, in headless Chromium. Run after `npm run build`. Figures, not
// assertions. One static server on 127.0.0.1 serves `dist/` gzip-compressed (level 9), the article
// and a tiny JSON API of its own (a session, one page of 20 comments, an idle event stream): no msw,
// so the page runs only what a site's page runs. Per script tag, a fresh browser context loads the
// article, waits for `load`, scrolls to the comments and waits until they show.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const dist = resolve(import.meta.dirname, '../../dist');
const runs = Number(process.env.RUNS ?? 5);
const scripts = { loader: 'loader.js', 'one file': 'experience-widgets.iife.js' };

const paragraph = '<p>' + 'Ten minutes of walking after a meal lowers the rise of blood sugar that follows it. '.repeat(8) + '</p>';
const article = (script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A long article</title>
<script src="/dist/${script}" defer></script></head>
<body><main><h1>Ten-minute walks</h1>${paragraph.repeat(60)}
<experience-comments thread="bench" endpoint="/api"></experience-comments></main></body></html>`;

const comments = Array.from({ length: 20 }, (_, i) => ({
  id: `c${i}`, threadId: 'bench', parentId: null, author: { id: `u${i}`, name: `Reader ${i}` },
  body: `Comment ${i}: walking after dinner helped me.`, createdAt: '2026-11-25T12:00:00Z', status: 'published', likes: i,
}));
const api = {
  '/api/session': { viewer: null, allowAnonymous: true, maxLength: 5000 },
  '/api/threads/bench/comments': { comments, nextCursor: null, total: comments.length },
};
const types = { '.html': 'text/html', '.js': 'text/javascript' };

const server = createServer(async (req, res) => {
  const { pathname, searchParams } = new URL(req.url, 'http://x');
  if (pathname === '/api/threads/bench/events') {
    return res.writeHead(200, { 'Content-Type': 'text/event-stream' }).write('retry: 60000\n\n');
  }
  let body;
  let type = 'application/json';
  if (pathname in api) body = JSON.stringify(api[pathname]);
  else if (pathname === '/') [body, type] = [article(scripts[searchParams.get('script')]), types['.html']];
  else {
    try {
      body = await readFile(join(dist, pathname.replace(/^\/dist\//, '/')));
      type = types[extname(pathname)] ?? 'application/octet-stream';
    } catch {
      return res.writeHead(404).end();
    }
  }
  res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip' }).end(gzipSync(body, { level: 9 }));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** One visit: bytes (compressed, as sent) and main-thread time before `load`, then after the comments show. */
async function visit(script) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${origin}/?script=${script}`, { waitUntil: 'load' });
  const { metrics } = await cdp.send('Performance.getMetrics');
  const mainThreadMs = metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const bytes = () => page.evaluate(() => {
    const sum = (entries) => entries.reduce((n, e) => n + e.encodedBodySize, 0);
    const all = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];
    const load = performance.getEntriesByType('navigation')[0].loadEventStart;
    const early = all.filter((e) => e.responseEnd <= load);
    return { all: sum(all), early: sum(early), earlyJs: sum(early.filter((e) => e.name.endsWith('.js'))) };
  });
  const before = await bytes();
  const showMs = await page.evaluate(async () => {
    const el = document.querySelector('experience-comments');
    const start = performance.now();
    el.scrollIntoView();
    while (!el.shadowRoot?.querySelector('[part~=comment]')) await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - start;
  });
  const after = await bytes();
  await context.close();
  return { jsBeforeLoad: before.earlyJs, bytesBeforeLoad: before.early, mainThreadMs, totalBytes: after.all, showMs };
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const results = {};
  for (const name of Object.keys(scripts)) {
    const visits = [];
    for (let i = 0; i < runs; i++) visits.push(await visit(name));
    results[name] = Object.fromEntries(Object.keys(visits[0]).map((k) => [k, median(visits.map((v) => v[k]))]));
  }
  const names = Object.keys(scripts);
  const row = (label, key, unit) =>
    console.log(`  ${label.padEnd(44)}${names.map((n) => `${Math.round(results[n][key]).toLocaleString('en').padStart(9)} ${unit}`).join('  ')}`);
  console.log(`A long article (60 paragraphs), the comments at its end, 1280 × 800, median of ${runs} runs, headless Chromium:`);
  console.log(`  ${''.padEnd(44)}${names.map((n) => n.padStart(11)).join('  ')}`);
  row('script bytes before load (gzip)', 'jsBeforeLoad', 'B ');
  row('all bytes before load (gzip, the page too)', 'bytesBeforeLoad', 'B ');
  row('main-thread time before load', 'mainThreadMs', 'ms');
  row('total bytes once the comments show', 'totalBytes', 'B ');
  row('comments shown, from scrolling to them', 'showMs', 'ms');
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}
