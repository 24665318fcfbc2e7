// `npm run bench`: builds test/bench/page with vite (production mode, as users get it), serves it
// on 127.0.0.1 and runs it in headless Chromium, then prints the figures. Figures, not assertions:
// compare them over time in the README and the issue notes.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = resolve(import.meta.dirname, 'page');
const out = resolve(import.meta.dirname, '../../node_modules/.cache/experience-bench');
const runs = Number(process.env.RUNS ?? 7);

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
  const r = await page.evaluate((n) => window.bench(n), runs);
  const f = (x, d = 1) => x.toFixed(d);
  console.log(`Thread of ${r.comments} comments (300 roots, replies to depth 4), median of ${r.runs} runs, headless Chromium:`);
  console.log(`  first render, <experience-comments>   ${f(r.elementMs).padStart(7)} ms`);
  console.log(`  first render, plain-DOM baseline      ${f(r.baselineMs).padStart(7)} ms`);
  console.log(`  ratio (target <= 1.5)                 ${f(r.ratio, 2).padStart(7)}`);
  console.log(`  JS heap per comment                   ${f(r.heapPerCommentBytes / 1024, 2).padStart(7)} KB`);
  console.log(`  add one comment, layout included      ${f(r.addOneMs, 2).padStart(7)} ms (target < 16)`);
} finally {
  await browser.close();
  server.close();
}
