// `npm run bench`: builds test/bench/page with vite (production mode, as users get it), serves it
// on 127.0.0.1 and runs it in headless Chromium, then prints the figures. Figures, not assertions:
// compare them over time in the README and the issue notes. RUNS (default 7) and FLOOD_SECONDS
// (default 5) set how long it runs.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = resolve(import.meta.dirname, 'page');
const out = resolve(import.meta.dirname, '../../node_modules/.cache/experience-bench');
const runs = Number(process.env.RUNS ?? 7);
/** Seconds of the flood of 10,000 live events a second (0: none). */
const floodSeconds = Number(process.env.FLOOD_SECONDS ?? 5);

await build({
  root,
  logLevel: 'error',
  configFile: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: { outDir: out, emptyOutDir: true, target: 'es2022' },
});

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  try {
    const path = join(out, new URL(req.url, 'http://x').pathname.replace(/\/$/, '/index.html'));
    const body = await readFile(path);
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'bench' in window);
  const r = await page.evaluate(([n, seconds]) => window.bench(n, seconds), [runs, floodSeconds]);
  const f = (x, d = 1) => x.toFixed(d).padStart(8);
  const row = (label, value, target = '') => console.log(`  ${label.padEnd(52)}${value}${target ? `   ${target}` : ''}`);
  console.log(`Thread of ${r.comments} comments (300 roots, replies to depth 4), median of ${r.runs} runs, headless Chromium:`);
  console.log(`  (${r.elements} elements and ${r.markers} comment nodes in the shadow root)`);
  row('cold, first pass (all comments laid out)', `${f(r.coldFirstMs)} ms`);
  row('cold, settled (every action button laid out)', `${f(r.coldSettledMs)} ms`);
  row('warm (store loaded, session known)', `${f(r.warmMs)} ms`);
  row('same-markup baseline (plain DOM)', `${f(r.baselineMs)} ms`);
  row('cold settled / baseline', f(r.coldSettledMs / r.baselineMs, 2), 'target <= 1.2');
  row('warm / baseline', f(r.warmMs / r.baselineMs, 2));
  row('JS heap per shown comment', `${f(r.heapPerCommentBytes / 1024, 2)} KB`, 'target <= 1.5 KB');
  row('JS heap kept after removal (after gc)', `${f(r.keptBytes / 1024, 1)} KB`, `target 0; element collected: ${r.released ? 'yes' : 'NO'}`);
  row('one live reply into 1,000 shown: script', `${f(r.addOneScriptMs, 2)} ms`, 'target < 4');
  row('one live reply: event to laid out (waits a frame)', `${f(r.addOneWallMs, 2)} ms`);
  row('default page (20 roots) of 1,000: answer to visible', `${f(r.defaultPageMs)} ms`, 'target < 100');
  if (r.flood) {
    row(`flood: ${Math.round(r.flood.events / r.flood.seconds)} live events/s for ${r.flood.seconds.toFixed(1)} s: longest task`, `${f(r.flood.longest)} ms`, 'target <= 200');
    row('flood: main thread blocked by long tasks', `${f(r.flood.blocked)} ms`);
    row('flood: from its end until every event is applied', `${f(r.flood.drainMs)} ms`, r.flood.drained ? '' : 'NOT within a minute');
    row('flood: comments drawn / waiting behind "Show new"', `${r.flood.shown} / ${r.flood.held}`);
  }
} finally {
  await browser.close();
  server.close();
}
