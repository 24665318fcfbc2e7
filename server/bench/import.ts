// A large generated Disqus export through `importDisqus`, with the process's resident memory
// sampled while it runs: `npm run bench:import -w server -- [MB]` (default 40).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { openDatabase } from '../src/db/index.js';
import { importDisqus } from '../src/import/disqus.js';

const megabytes = Number(process.argv[2] ?? 40);
const dir = await mkdtemp(join(tmpdir(), 'ew-bench-import-'));
const file = join(dir, 'disqus.xml');

const out = createWriteStream(file);
const write = async (s: string) => {
  if (!out.write(s)) await once(out, 'drain');
};
await write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n');
const THREADS = 2000;
for (let t = 0; t < THREADS; t++) {
  await write(`<thread dsq:id="t${t}"><id>article-${t}</id><link>https://example.com/${t}/</link><title>Article ${t}</title></thread>\n`);
}
const text = '<p>' + 'Lorem ipsum dolor sit amet, &amp; consectetur <a href="https://example.com/x">adipiscing</a> elit. '.repeat(6) + '</p>';
let posts = 0;
while (out.bytesWritten + out.writableLength < megabytes * 1e6) {
  const parent = posts % 3 === 0 || posts < 10 ? '' : `<parent dsq:id="${posts - 1 - (posts % 7)}"/>`;
  await write(`<post dsq:id="${posts}"><message><![CDATA[${text}]]></message><createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>${posts % 50 === 0}</isSpam><author><name>Reader ${posts % 997}</name><username>r${posts % 997}</username></author><thread dsq:id="t${posts % THREADS}"/>${parent}</post>\n`);
  posts++;
}
await write('</disqus>\n');
out.end();
await once(out, 'finish');
const size = (await stat(file)).size;

const db = await openDatabase({ data: join(dir, 'data') });
const base = process.memoryUsage().rss;
let peak = base;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const start = performance.now();
const summary = await importDisqus(db, file);
const seconds = (performance.now() - start) / 1000;
clearInterval(sampler);
await db.close();
await rm(dir, { recursive: true, force: true });
const mb = (n: number) => (n / 1048576).toFixed(0);
console.log(`${(size / 1e6).toFixed(1)} MB, ${posts} posts: ${summary.added} stored in ${seconds.toFixed(1)} s (${(size / 1e6 / seconds).toFixed(1)} MB/s); ` +
  `RSS ${mb(base)} MB before, peak ${mb(peak)} MB (+${mb(peak - base)} MB)`);
