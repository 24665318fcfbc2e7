/**
 * Latency figures for the README (`npm -w server run bench`). Not a test: it prints, and fails
 * only when the server answers wrongly.
 *
 * For PGlite and PostgreSQL, on a 10,000- and a 100,000-comment thread:
 *   - list: the first page, `GET /threads/{t}/comments?sort=newest&limit=20`;
 *   - create: `POST /threads/{t}/comments`, an anonymous root comment;
 * each with CONCURRENCY requests in flight on keep-alive connections, p50/p99 and requests per
 * second over a fixed number of requests after a warm-up; and live fan-out: the time from sending
 * a POST to the moment the last of SUBSCRIBERS open SSE streams of the thread has its event.
 *
 * How, and why so:
 *   - The server runs in this process through `listen()`, as it runs in production (PGlite
 *     in-process, in a data folder). The load comes from a child process running this same file
 *     with `--client`: on a 2-core machine, clients sharing the server's event loop (parsing the
 *     pages, 1,000 SSE streams) would add their own work to every figure.
 *   - Both threads are seeded first, in one table, with SQL (3 roots to 1 reply, each reply under
 *     one of the 5 newest roots, a minute apart), then `analyze`d; lists are measured before the
 *     creates add to the threads.
 *   - Each request comes without the visitor cookie, so each is a new anonymous visitor (the
 *     server signs a new cookie every time), and the write limit is off (`rateLimit: 0`).
 *   - Fan-out times are taken in the client process, so they include its reading of the 1,000
 *     streams; "first stream" tells the fan-out's start from its spread.
 *   - Every figure moves with whatever else the machine runs: the load average is printed.
 *   - PostgreSQL is the throwaway cluster of test/postgres.mjs (Debian's 15, fsync and
 *     synchronous_commit off), or TEST_DATABASE_URL's server; the server's pool has 10 connections.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen, type RunningServer } from '../src/index.js';
import { freshDatabase } from '../test/postgres.mjs';

const SIZES = [10_000, 100_000];
/** Requests in flight: 1 measures latency alone, more adds the queueing of a busy server. */
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const LISTS = { warmup: 300, count: 1000 };
const CREATES = { warmup: 30, count: 300 };
const SUBSCRIBERS = 1000;
const FANOUT_POSTS = { warmup: 2, count: 10 };
/** list p99 targets, ms. */
const TARGET_P99: Record<Kind, number> = { pglite: 40, postgres: 20 };
/** The 100,000 thread's p99 may be at most this times the 10,000 one's. */
const TARGET_RATIO = 1.5;

const CREATE_BODY = JSON.stringify({ body: 'A comment from the benchmark.', parentId: null, author: { name: 'Bench' } });

type Kind = 'pglite' | 'postgres';

// ---------------------------------------------------------------------------------------------
// The jobs the client process runs, and what it answers.

interface LoadJob {
  kind: 'load';
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  expect: number;
  concurrency: number;
  warmup: number;
  count: number;
}
interface LoadResult {
  /** Each measured request's time, ms. */
  latencies: number[];
  seconds: number;
}

interface FanoutJob {
  kind: 'fanout';
  eventsUrl: string;
  postUrl: string;
  subscribers: number;
  warmup: number;
  count: number;
}
interface FanoutResult {
  /** Per measured POST, ms from sending it: its answer, the first and the last subscriber's event. */
  posts: { answered: number; first: number; all: number }[];
}

type Job = LoadJob | FanoutJob;
type ResultOf<J extends Job> = J extends LoadJob ? LoadResult : FanoutResult;
type Reply = { ok: true; result: LoadResult | FanoutResult } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// Client side (the child process).

function send(agent: http.Agent, method: string, url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = body === undefined
      ? {}
      : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `task` `count` times, `concurrency` at a time; their results in the order they ended. */
async function inFlight<T>(concurrency: number, count: number, task: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      results.push(await task());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

async function load(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const timed = async () => {
    const t = performance.now();
    const r = await send(agent, job.method, job.url, job.body);
    const ms = performance.now() - t;
    if (r.status !== job.expect) throw new Error(`${job.method} ${job.url}: ${r.status} ${r.text.slice(0, 300)}`);
    return ms;
  };
  try {
    await inFlight(job.concurrency, job.warmup, timed);
    const start = performance.now();
    const latencies = await inFlight(job.concurrency, job.count, timed);
    return { latencies, seconds: (performance.now() - start) / 1000 };
  } finally {
    agent.destroy();
  }
}

/**
 * Opens one SSE stream, connection of its own, and resolves once the server has subscribed it
 * (its first write, `retry:`, comes after the subscription); calls `onCreated` with the comment id
 * of every comment-created event.
 */
function subscribe(url: string, onCreated: (id: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    let ready = false;
    const req = http.get(url, { agent: false, headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        return reject(new Error(`GET ${url}: ${res.statusCode}`));
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          if (line.startsWith('retry:') && !ready) {
            ready = true;
            resolve(req);
          } else if (line.startsWith('data:')) {
            const event = JSON.parse(line.slice(5)) as { type: string; comment: { id: string } };
            if (event.type === 'comment-created') onCreated(event.comment.id);
          }
        }
      });
      res.on('error', () => {});
      // Before `retry:`, a stream that ends is a failure; after it, its end is ours.
      res.on('close', () => reject(new Error(`GET ${url}: the stream ended before it was subscribed`)));
    });
    req.on('error', (e) => (ready ? undefined : reject(e)));
  });
}

async function fanout(job: FanoutJob): Promise<FanoutResult> {
  // Per comment id: how many streams have its event, the first and last arrival, and who waits.
  const arrivals = new Map<string, { count: number; first: number; last: number; done?: () => void }>();
  const onCreated = (id: string) => {
    const now = performance.now();
    let a = arrivals.get(id);
    if (!a) arrivals.set(id, (a = { count: 0, first: 0, last: 0 }));
    if (!a.count) a.first = now;
    a.count++;
    a.last = now;
    if (a.count === job.subscribers) a.done?.();
  };
  const everyone = (id: string) =>
    new Promise<{ first: number; last: number }>((resolve, reject) => {
      const a = arrivals.get(id) ?? { count: 0, first: 0, last: 0 };
      arrivals.set(id, a);
      if (a.count === job.subscribers) return resolve(a);
      const timer = setTimeout(() => reject(new Error(`only ${a.count} of ${job.subscribers} streams had ${id} after 30 s`)), 30_000);
      a.done = () => {
        clearTimeout(timer);
        resolve(a);
      };
    });

  const streams: http.ClientRequest[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    // 100 at a time: 1,000 connections at once would overflow the listen backlog (511).
    while (streams.length < job.subscribers) {
      const batch = Math.min(100, job.subscribers - streams.length);
      streams.push(...(await Promise.all(Array.from({ length: batch }, () => subscribe(job.eventsUrl, onCreated)))));
    }
    const posts: FanoutResult['posts'] = [];
    for (let i = 0; i < job.warmup + job.count; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const sent = performance.now();
      const r = await send(agent, 'POST', job.postUrl, CREATE_BODY);
      const answered = performance.now() - sent;
      if (r.status !== 201) throw new Error(`POST ${job.postUrl}: ${r.status} ${r.text.slice(0, 300)}`);
      const { first, last } = await everyone((JSON.parse(r.text) as { id: string }).id);
      if (i >= job.warmup) posts.push({ answered, first: first - sent, all: last - sent });
    }
    return { posts };
  } finally {
    agent.destroy();
    for (const s of streams) s.destroy();
  }
}

function runClient(): void {
  // When the server side is done (or failed), so is the client, whatever it still has open.
  process.on('disconnect', () => process.exit());
  process.on('message', (job: Job) => {
    void (job.kind === 'load' ? load(job) : fanout(job)).then(
      (result) => process.send!({ ok: true, result } satisfies Reply),
      (e: Error) => process.send!({ ok: false, error: e.stack ?? String(e) } satisfies Reply),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Server side (this process).

/** The child process that makes the requests, one job at a time. */
class Client {
  private child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--client'], { stdio: 'inherit' });
  private pending: { resolve: (r: LoadResult | FanoutResult) => void; reject: (e: Error) => void } | null = null;

  constructor() {
    this.child.on('message', (reply: Reply) => {
      const p = this.pending!;
      this.pending = null;
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(`client: ${reply.error}`));
    });
    this.child.on('exit', (code) => this.pending?.reject(new Error(`the client process exited (${code})`)));
  }

  run<J extends Job>(job: J): Promise<ResultOf<J>> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve: resolve as (r: LoadResult | FanoutResult) => void, reject };
      this.child.send(job);
    });
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

interface Bench {
  kind: Kind;
  label: string;
  version: string;
  server: RunningServer;
  close(): Promise<void>;
}

async function startServer(kind: Kind): Promise<Bench> {
  const base = { port: 0, rateLimit: 0, widgetsDir: null };
  let dir: string | null = null;
  let server: RunningServer;
  if (kind === 'pglite') {
    dir = mkdtempSync(join(os.tmpdir(), 'ew-bench-'));
    server = await listen({ ...base, data: dir });
  } else {
    server = await listen({ ...base, databaseUrl: await freshDatabase() });
  }
  const version = (await server.app.database.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v.split(' ')[0]!;
  return {
    kind,
    label: kind === 'pglite' ? 'PGlite' : 'PostgreSQL',
    version,
    server,
    async close() {
      await server.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const threadOf = (size: number) => `bench-${size / 1000}k`;

/** Seeds a thread of `size` published comments, 3 roots to 1 reply, a minute apart, up to now. */
async function seed(b: Bench, size: number): Promise<void> {
  const thread = threadOf(size);
  await b.server.app.database.transaction(async (tx) => {
    await tx.query('insert into threads (id, published) values ($1, $2)', [thread, size]);
    await tx.query(
      `insert into comments (id, thread_id, parent_id, root_id, author_key, author_id, author_name, body, status, created_at)
       select $1 || '-' || i, $1,
         case when reply then $1 || '-' || parent end,
         $1 || '-' || case when reply then parent else i end,
         'v:seed-' || i % 500, 'anon-seed' || i % 500, 'Reader ' || i % 500,
         'Seeded comment ' || i || '.' || repeat(' Lorem ipsum dolor sit amet.', 6),
         'published', now() - make_interval(mins => $2::int - i)
       from generate_series(1, $2::int) i,
         lateral (select i % 4 = 0 as reply, case when i > 20 then i - 1 - 4 * (i / 4 % 5) else i - 1 end as parent) p`,
      [thread, size],
    );
  });
}

interface Stats {
  p50: number;
  p99: number;
  rps: number;
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const statsOf = (r: LoadResult): Stats => ({
  p50: percentile(r.latencies, 50),
  p99: percentile(r.latencies, 99),
  rps: r.latencies.length / r.seconds,
});

/** One kind of request against one thread: list (GET the first page) or create (POST a root). */
async function measure(client: Client, b: Bench, thread: string, what: 'list' | 'create'): Promise<Stats> {
  const comments = `${b.server.url}/threads/${encodeURIComponent(thread)}/comments`;
  const job: LoadJob = what === 'list'
    ? { kind: 'load', method: 'GET', url: `${comments}?sort=newest&limit=20`, expect: 200, concurrency: CONCURRENCY, ...LISTS }
    : { kind: 'load', method: 'POST', url: comments, body: CREATE_BODY, expect: 201, concurrency: CONCURRENCY, ...CREATES };
  const stats = statsOf(await client.run(job));
  console.log(`  ${b.label} ${thread} ${what}: p50 ${ms(stats.p50)}, p99 ${ms(stats.p99)}, ${Math.round(stats.rps)} req/s`);
  return stats;
}

/** Checks that the first page is what was seeded, and says how big it is. */
async function checkFirstPage(b: Bench, size: number): Promise<void> {
  const res = await fetch(`${b.server.url}/threads/${threadOf(size)}/comments?sort=newest&limit=20`);
  const text = await res.text();
  const page = JSON.parse(text) as { comments: { parentId: string | null }[]; total: number };
  const roots = page.comments.filter((c) => !c.parentId).length;
  if (res.status !== 200 || page.total !== size || roots !== 20) {
    throw new Error(`${b.label} ${threadOf(size)}: unexpected first page (${res.status}, total ${page.total}, ${roots} roots)`);
  }
  console.log(`  ${b.label} ${threadOf(size)}: first page ${roots} roots + ${page.comments.length - roots} replies, ${(text.length / 1024).toFixed(1)} KiB`);
}

interface Fanout {
  label: string;
  median: number;
  max: number;
  first: number;
  answered: number;
}

async function measureFanout(client: Client, b: Bench, thread: string): Promise<Fanout> {
  const t = `${b.server.url}/threads/${encodeURIComponent(thread)}`;
  const { posts } = await client.run({
    kind: 'fanout', eventsUrl: `${t}/events`, postUrl: `${t}/comments`, subscribers: SUBSCRIBERS, ...FANOUT_POSTS,
  } satisfies FanoutJob);
  const all = posts.map((p) => p.all);
  const f: Fanout = {
    label: b.label,
    median: percentile(all, 50),
    max: Math.max(...all),
    first: percentile(posts.map((p) => p.first), 50),
    answered: percentile(posts.map((p) => p.answered), 50),
  };
  console.log(`  ${b.label} fan-out to ${SUBSCRIBERS}: median ${ms(f.median)}, max ${ms(f.max)}`);
  return f;
}

interface Row {
  bench: Bench;
  size: number;
  list: Stats;
  create: Stats;
}

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function report(rows: Row[], fanouts: Fanout[], seconds: number, load: string): string {
  const cpus = os.cpus();
  const lines = rows.map((r) => {
    const base = rows.find((o) => o.bench === r.bench && o.size === SIZES[0])!;
    const ratio = (now: Stats, then: Stats) =>
      r === base ? '' : ` ×${(now.p99 / then.p99).toFixed(2)} ${mark(now.p99 / then.p99 <= TARGET_RATIO)}`;
    const target = TARGET_P99[r.bench.kind];
    return [
      `${r.bench.label} ${r.bench.version}`,
      r.size.toLocaleString('en-US'),
      ms(r.list.p50),
      `${ms(r.list.p99)} (<${target} ${mark(r.list.p99 < target)})${ratio(r.list, base.list)}`,
      Math.round(r.list.rps).toLocaleString('en-US'),
      ms(r.create.p50),
      `${ms(r.create.p99)}${ratio(r.create, base.create)}`,
      Math.round(r.create.rps).toLocaleString('en-US'),
    ];
  });
  return [
    `Machine: Node ${process.version}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; load average ${load} when it started`,
    `${CONCURRENCY} requests in flight on keep-alive connections; ${LISTS.count} lists and ${CREATES.count} creates per row ` +
      `after ${LISTS.warmup}/${CREATES.warmup} warm-up; ×N is p99 against the ${SIZES[0]!.toLocaleString('en-US')} thread (target ≤${TARGET_RATIO}).`,
    '',
    table(['database', 'comments', 'list p50', 'list p99', 'list req/s', 'create p50', 'create p99', 'create req/s'], lines),
    '',
    `Live fan-out: ${SUBSCRIBERS.toLocaleString('en-US')} SSE streams on one thread, ${FANOUT_POSTS.count} POSTs, ` +
      'ms from sending the POST to the last stream having the event:',
    '',
    table(
      ['database', 'median (all)', 'max (all)', 'median (first stream)', 'median (POST answered)'],
      fanouts.map((f) => [f.label, ms(f.median), ms(f.max), ms(f.first), ms(f.answered)]),
    ),
    '',
    `The run took ${seconds.toFixed(0)} s.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  // Other work on the machine shows in every figure: say how busy it was.
  const load = os.loadavg()[0]!.toFixed(1);
  const client = new Client();
  const rows: Row[] = [];
  const fanouts: Fanout[] = [];
  try {
    for (const kind of ['pglite', 'postgres'] as const) {
      const b = await startServer(kind);
      try {
        console.log(`${b.label} ${b.version}: seeding ${SIZES.map((s) => s.toLocaleString('en-US')).join(' and ')} comments`);
        const t = performance.now();
        for (const size of SIZES) await seed(b, size);
        await b.server.app.database.query('analyze');
        console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
        for (const size of SIZES) await checkFirstPage(b, size);
        const lists = [];
        for (const size of SIZES) lists.push(await measure(client, b, threadOf(size), 'list'));
        for (const [i, size] of SIZES.entries()) {
          rows.push({ bench: b, size, list: lists[i]!, create: await measure(client, b, threadOf(size), 'create') });
        }
        fanouts.push(await measureFanout(client, b, threadOf(SIZES[0]!)));
      } finally {
        await b.close();
      }
    }
  } finally {
    client.close();
  }
  console.log('\n' + report(rows, fanouts, (performance.now() - started) / 1000, load));
}

if (process.argv.includes('--client')) runClient();
else {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
