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
/**
 * The page's JS objects a removed element leaves: their growth between heap snapshots taken
 * before and after nine elements were shown, removed and forgotten (window.benchCycle), per
 * element. Not counted: what is not a JS object (V8's compiled code, feedback and hidden classes,
 * which grow as functions are optimised; the browser's own layout, paint and performance entries),
 * and the objects that only those hold (allocation sites' boilerplates, names). A leaked element
 * would count: its wrapper is a JS object.
 */
async function objectsKept(page, cycles = 9) {
  const cdp = await page.context().newCDPSession(page);
  const sizes = async () => {
    let json = '';
    const chunk = ({ chunk }) => (json += chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', chunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', chunk);
    const { snapshot: { meta }, nodes, edges, strings } = JSON.parse(json);
    const [nodeFields, edgeFields] = [meta.node_fields, meta.edge_fields];
    const [type, name, size, edgeCount] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nodeFields.indexOf(f));
    const [edgeType, to] = ['type', 'to_node'].map((f) => edgeFields.indexOf(f));
    const typeOf = (i) => meta.node_types[0][nodes[i + type]];
    const js = (i) => !['code', 'object shape', 'hidden', 'synthetic', 'native'].includes(typeOf(i));
    // Which nodes something other than V8's own code, feedback and hidden classes holds strongly.
    const held = new Set();
    for (let i = 0, e = 0; i < nodes.length; i += nodeFields.length) {
      const internal = ['code', 'object shape', 'hidden'].includes(typeOf(i));
      for (let k = 0; k < nodes[i + edgeCount]; k++, e += edgeFields.length) {
        if (!internal && meta.edge_types[0][edges[e + edgeType]] !== 'weak') held.add(edges[e + to]);
      }
    }
    const bytes = new Map();
    for (let i = 0; i < nodes.length; i += nodeFields.length) {
      if (!js(i) || !held.has(i)) continue;
      const kind = `${typeOf(i)}:${strings[nodes[i + name]].slice(0, 40)}`;
      bytes.set(kind, (bytes.get(kind) ?? 0) + nodes[i + size]);
    }
    return bytes;
  };
  await page.evaluate(() => window.benchCycle());
  const before = await sizes();
  for (let i = 0; i < cycles; i++) await page.evaluate(() => window.benchCycle());
  const after = await sizes();
  await cdp.detach();
  const grown = [...after].map(([kind, b]) => [kind, (b - (before.get(kind) ?? 0)) / cycles]).filter(([, d]) => d > 0).sort((a, b) => b[1] - a[1]);
  return { bytes: grown.reduce((sum, [, d]) => sum + d, 0), most: grown.slice(0, 3) };
}

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
  row('JS heap kept after removal (after gc)', `${f(r.keptBytes / 1024, 1)} KB`, `element collected: ${r.released ? 'yes' : 'NO'}; compiled code included`);
  const kept = await objectsKept(page);
  row('objects kept after removal (heap snapshots)', `${f(kept.bytes)} B`, `target 0${kept.most.length ? `; most: ${kept.most.map(([kind, b]) => `${kind} ${f(b)} B`).join(', ')}` : ''}`);
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
