// The `experience-widgets-server` command as a site owner runs it: real child processes of
// `src/cli.ts`, on PGlite data folders and on PostgreSQL.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Client } from './harness.js';
import { freshDatabase } from './postgres.mjs';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
/** A fresh PGlite folder takes 3-7 s to create; a loaded machine may need more. */
const STARTUP_MS = 30_000;
const LOCK = 'experience.lock';

/** The environment without anything that would configure the server behind the test's back. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name === 'DATABASE_URL' || name === 'PORT' || name === 'HOST' || name.startsWith('EXPERIENCE_')) delete env[name];
  }
  return { ...env, ...extra };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Resolves with `promise`, or rejects after `ms` saying what did not happen. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const running = new Set<Command>();

/** One run of `experience-widgets-server ARGS…`, with its output collected as it comes. */
class Command {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout = '';
  stderr = '';
  exit: Exit | null = null;
  private wake = new Set<() => void>();

  constructor(
    readonly args: string[],
    env: NodeJS.ProcessEnv = cleanEnv(),
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(this);
    this.child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      this.stdout += s;
      this.poke();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (s: string) => (this.stderr += s));
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal };
        running.delete(this);
        this.poke();
        resolve(this.exit);
      });
    });
  }

  private poke(): void {
    for (const wake of [...this.wake]) wake();
  }

  /** What the command printed, for assertion messages. */
  get output(): string {
    return `$ experience-widgets-server ${this.args.join(' ')}\n--- stdout\n${this.stdout}--- stderr\n${this.stderr}`;
  }

  /** The first match of `pattern` in stdout, as soon as it is printed. */
  async waitFor(pattern: RegExp, ms = STARTUP_MS): Promise<RegExpExecArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const match = pattern.exec(this.stdout);
      if (match) return match;
      if (this.exit) throw new Error(`It exited (${JSON.stringify(this.exit)}) without printing ${pattern}.\n${this.output}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`It printed no ${pattern} within ${ms} ms.\n${this.output}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wake.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.wake.add(done);
      });
    }
  }

  /** Its exit, once it ends by itself within `ms`; killed otherwise. */
  async finished(ms = STARTUP_MS): Promise<Exit> {
    try {
      return await within(this.exited, ms, `The end of ${this.args.join(' ')}`);
    } catch (e) {
      await this.stop();
      throw new Error(`${(e as Error).message}\n${this.output}`);
    }
  }

  /** SIGKILLs it if it still runs, and waits until it is gone. */
  async stop(): Promise<void> {
    if (!this.exit) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Runs a command to its end. */
async function run(args: string[], env?: NodeJS.ProcessEnv): Promise<Command> {
  const command = new Command(args, env);
  await command.finished();
  return command;
}

interface Serving {
  command: Command;
  /** The API's URL from the `API:` line, e.g. `http://127.0.0.1:40123/api`. */
  url: string;
}

/** `serve --port 0 ARGS…`, once it says where it listens. */
async function serve(args: string[], env?: NodeJS.ProcessEnv): Promise<Serving> {
  const command = new Command(['serve', '--port', '0', ...args], env);
  try {
    const [, url] = await command.waitFor(/^\s*API:\s+(\S+)\s*$/m);
    return { command, url: url! };
  } catch (e) {
    await command.stop();
    throw e;
  }
}

/** Asserts the command failed with exit `code` and exactly one line on stderr, matching every pattern. */
function assertOneLineError(command: Command, code: number | 'non-zero', ...patterns: RegExp[]): void {
  if (code === 'non-zero') assert.ok(command.exit?.code, `expected a non-zero exit:\n${command.output}`);
  else assert.equal(command.exit?.code, code, command.output);
  const lines = command.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr:\n${command.output}`);
  assert.match(lines[0]!, /^experience-widgets-server: \S/, command.output);
  for (const pattern of patterns) assert.match(lines[0]!, pattern, command.output);
}

let root: string;
let folders = 0;
/** A new, not yet existing folder under this run's temp folder. */
const newFolder = (name: string) => join(root, `${name}-${++folders}`);

/** A pattern matching `text` as it is. */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The pid in a folder's lock (which holds "pid start-time"). */
const lockPid = async (folder: string) => Number((await readFile(join(folder, LOCK), 'utf8')).split(' ')[0]);

/** Every comment id of a thread, following `nextCursor`, and the thread's `total`. */
async function listThread(client: Client, thread: string): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const query: string = `limit=100&sort=oldest${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await client.get(`/threads/${thread}/comments?${query}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    ids.push(...r.body.comments.map((c: { id: string }) => c.id));
    total = r.body.total;
    cursor = r.body.nextCursor;
  } while (cursor);
  return { ids, total };
}

const pollFile = async (name: string, content: unknown) => {
  const file = join(root, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

const POLL = {
  id: 'sleep-poll',
  question: 'How many hours do you sleep?',
  options: [
    { id: 'lt6', label: 'Under 6' },
    { id: '6to8', label: '6 to 8' },
    { id: 'gt8', label: 'Over 8' },
  ],
};

before(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'ew-cli-')));
});

after(async () => {
  await Promise.all([...running].map((c) => c.stop()));
  await rm(root, { recursive: true, force: true });
});

describe('help and usage', { concurrency: true }, () => {
  it('--help lists the commands', async () => {
    const c = await run(['--help']);
    assert.equal(c.exit?.code, 0, c.output);
    for (const text of ['serve', 'poll create FILE.json', 'import disqus FILE.xml', 'import wordpress FILE.xml', 'import json FILE.json', 'export FILE.json', '--help']) assert.ok(c.stdout.includes(text), `${text}\n${c.output}`);
  });

  it('serve --help lists its options and DATABASE_URL', async () => {
    const c = await run(['serve', '--help']);
    assert.equal(c.exit?.code, 0, c.output);
    for (const text of ['--port', '--host', '--data', 'DATABASE_URL', '--origin', '--token-secret', '--admin-key', '--moderation', '--rate-limit', '--report-threshold', '--webhook URL', '--webhook-secret']) {
      assert.ok(c.stdout.includes(text), `${text}\n${c.output}`);
    }
  });

  it('poll create --help lists its options and the file format', async () => {
    const c = await run(['poll', 'create', '--help']);
    assert.equal(c.exit?.code, 0, c.output);
    for (const text of ['FILE.json', '--data', 'DATABASE_URL', '"question"', '"options"']) assert.ok(c.stdout.includes(text), `${text}\n${c.output}`);
  });

  it('import --help and export --help list their options', async () => {
    for (const [args, texts] of [[['import', '--help'], ['disqus', 'wordpress', 'json', '--map', '--data', 'DATABASE_URL']], [['export', '--help'], ['FILE.json', '--data', 'DATABASE_URL']]] as const) {
      const c = await run([...args]);
      assert.equal(c.exit?.code, 0, c.output);
      for (const text of texts) assert.ok(c.stdout.includes(text), `${text}\n${c.output}`);
    }
  });

  const mistakes: [string, string[], ...RegExp[]][] = [
    ['a report threshold that is not a number', ['serve', '--report-threshold', 'x'], /--report-threshold/, /"x"/],
    ['a webhook that is not http(s)', ['serve', '--webhook', 'ftp://x', '--webhook-secret', 's'], /--webhook/, /ftp:\/\/x/],
    ['a webhook without a secret', ['serve', '--webhook', 'http://127.0.0.1:9/h'], /--webhook-secret/],
    ['an import of an unknown kind', ['import', 'blogger', 'x.xml'], /disqus, wordpress or json/, /"blogger"/],
    ['an import without a file', ['import', 'disqus'], /import disqus FILE/],
    ['an import of a file it cannot read', ['import', 'disqus', 'missing.xml'], /missing\.xml/, /ENOENT|no such file/],
    ['--map on a json import', ['import', 'json', 'x.json', '--map', 'm.json'], /--map is for disqus and wordpress/],
    ['export without a file', ['export'], /export FILE\.json/],
    ['an unknown command', ['frobnicate'], /Unknown command "frobnicate"/, /--help/],
    ['an unknown option of serve', ['serve', '--bogus'], /--bogus/],
    ['a port that is not a number', ['serve', '--port', 'abc'], /--port/, /"abc"/],
    ['a moderation mode that does not exist', ['serve', '--moderation', 'maybe'], /--moderation/, /none, pre/, /"maybe"/],
    ['poll create without a file', ['poll', 'create'], /poll create FILE\.json/],
    ['poll create with a file it cannot read', ['poll', 'create', 'missing.json'], /missing\.json/, /ENOENT|no such file/],
  ];
  for (const [what, args, ...patterns] of mistakes) {
    it(`exits 2 with one line for ${what}: ${args.join(' ')}`, async () => {
      const data = newFolder('unused');
      const c = await run([...args, '--data', data]);
      assertOneLineError(c, 2, ...patterns);
      assert.equal(c.stdout, '');
      assert.equal(existsSync(data), false, 'a bad command line must not create the data folder');
    });
  }
});

describe('serve on a PGlite folder', () => {
  let data: string;
  let server: Serving;
  before(async () => {
    data = newFolder('pglite');
    server = await serve(['--data', data]);
  });
  after(() => server?.command.stop());

  it('prints where it listens, the database and a snippet to paste; the URL answers GET /session', async () => {
    const { stdout } = server.command;
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
    assert.ok(stdout.includes(`PGlite in ${data}`), server.command.output);
    const snippet = /<experience-comments [^>]*endpoint="([^"]+)"[^>]*><\/experience-comments>/.exec(stdout);
    assert.ok(snippet, server.command.output);
    assert.equal(snippet[1], server.url);
    const r = await new Client(server.url).get('/session');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { viewer: null, allowAnonymous: true, maxLength: 5000 });
    assert.equal(await lockPid(data), server.command.child.pid);
  });

  it('refuses a second serve on the folder, naming it, saying it is in use and suggesting DATABASE_URL', async () => {
    const second = await run(['serve', '--port', '0', '--data', data]);
    assertOneLineError(second, 'non-zero', literally(data), /in use/, /DATABASE_URL/);
    assert.doesNotMatch(second.stdout, /API:/);
    assert.equal((await new Client(server.url).get('/session')).status, 200, 'the first server still runs');
    assert.equal(await lockPid(data), server.command.child.pid, 'the first server keeps its lock');
  });

  it('takes over a lock whose pid runs but started at another time (a pid reused after a reboot)', async () => {
    const folder = newFolder('reused-pid');
    await mkdir(folder, { recursive: true });
    // This test process runs, but did not start at time 1: the lock's writer is gone.
    await writeFile(join(folder, LOCK), `${process.pid} 1`);
    const c = await run(['poll', 'create', await pollFile('reused.json', POLL), '--data', folder]);
    assert.equal(c.exit?.code, 0, c.output);
  });

  it('refuses poll create on the folder while the server holds it', async () => {
    const c = await run(['poll', 'create', await pollFile('held.json', POLL), '--data', data]);
    assertOneLineError(c, 'non-zero', literally(data), /in use/, /DATABASE_URL/);
    assert.equal((await new Client(server.url).get(`/polls/${POLL.id}`)).status, 404, 'the poll was not created behind the server');
  });
});

describe('serve on PostgreSQL', () => {
  it('runs two servers and a poll create side by side on one DATABASE_URL', async () => {
    const env = cleanEnv({ DATABASE_URL: await freshDatabase() });
    const data = newFolder('ignored');
    const [a, b] = await Promise.all([serve(['--data', data], env), serve(['--data', data], env)]);
    try {
      for (const s of [a, b]) assert.match(s.command.stdout, /Database:\s+PostgreSQL at postgres:\/\//, s.command.output);
      assert.notEqual(a.url, b.url);
      const thread = `side-by-side-${randomUUID()}`;
      const posted = await new Client(a.url).comment(thread, 'Written through A');
      assert.deepEqual((await listThread(new Client(b.url), thread)).ids, [posted.id], 'B reads what A wrote');

      const created = await run(['poll', 'create', await pollFile('pg-poll.json', POLL)], env);
      assert.equal(created.exit?.code, 0, created.output);
      const poll = await new Client(b.url).get(`/polls/${POLL.id}`);
      assert.equal(poll.status, 200, JSON.stringify(poll.body));
      assert.equal(poll.body.question, POLL.question);
      assert.equal(existsSync(join(data, LOCK)), false, 'with DATABASE_URL the data folder is not used');
    } finally {
      await Promise.all([a.command.stop(), b.command.stop()]);
    }
  });
});

describe('a server killed while writing', () => {
  it('restarts on its folder despite the stale lock, with every acknowledged comment', async () => {
    const data = newFolder('killed');
    const thread = 'under-load';
    /** Over a page of 100, so the listing follows nextCursor. */
    const WANTED = 150;
    const first = await serve(['--data', data, '--rate-limit', '0']);
    const acknowledged: string[] = [];
    const unexpected: string[] = [];
    let inFlight = 0;
    let killed = false;
    let enough = () => {};
    const enoughWritten = new Promise<void>((resolve) => (enough = resolve));

    /** One reader posting comments until the server is gone. */
    const writer = async (n: number) => {
      const client = new Client(first.url);
      for (let i = 0; !killed; i++) {
        inFlight++;
        try {
          const r = await client.post(`/threads/${thread}/comments`, { body: `Writer ${n}, comment ${i}`, parentId: null, author: { name: `W${n}` } }, { 'Idempotency-Key': randomUUID() });
          if (r.status === 201) acknowledged.push(r.body.id);
          else unexpected.push(`${r.status} ${JSON.stringify(r.body)}`);
          if (acknowledged.length >= WANTED) enough();
        } catch {
          return; // The server is gone: this post was never acknowledged.
        } finally {
          inFlight--;
        }
      }
    };

    let restarted: Serving | undefined;
    try {
      const writers = Array.from({ length: 8 }, (_, n) => writer(n));
      await within(enoughWritten, 20_000, `${WANTED} acknowledged comments`);
      const inFlightAtKill = inFlight;
      first.command.child.kill('SIGKILL');
      killed = true;
      await first.command.exited;
      await within(Promise.all(writers), 10_000, 'The writers noticing the server is gone');
      assert.ok(inFlightAtKill > 0, 'the kill came while posts were in flight');
      assert.deepEqual(unexpected, [], 'every post before the kill was accepted');
      assert.equal(first.command.exit?.signal, 'SIGKILL');
      assert.equal(await lockPid(data), first.command.child.pid, 'the killed server left its lock behind');

      restarted = await serve(['--data', data, '--rate-limit', '0']);
      assert.equal(await lockPid(data), restarted.command.child.pid, 'the new server took the lock over');
      const { ids, total } = await listThread(new Client(restarted.url), thread);
      const stored = new Set(ids);
      const lost = acknowledged.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged comments were lost`);
      assert.ok(total >= acknowledged.length, `total ${total} < ${acknowledged.length} acknowledged`);
      assert.equal(ids.length, total, 'every comment is listed once across the pages');
    } finally {
      killed = true;
      await Promise.all([first.command.stop(), restarted?.command.stop()]);
    }
  });
});

describe('poll create', () => {
  let data: string;
  before(() => {
    data = newFolder('polls');
  });

  it('creates a poll in a new folder (options before the positionals), which serve then answers', async () => {
    const created = await run(['poll', '--data', data, 'create', await pollFile('poll.json', POLL)]);
    assert.equal(created.exit?.code, 0, created.output);
    assert.match(created.stdout, /sleep-poll/, created.output);
    assert.equal(existsSync(join(data, LOCK)), false, 'poll create gives the folder back');

    const server = await serve(['--data', data]);
    try {
      const r = await new Client(server.url).get(`/polls/${POLL.id}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.id, POLL.id);
      assert.equal(r.body.question, POLL.question);
      assert.deepEqual(r.body.options.map((o: { id: string; label: string }) => ({ id: o.id, label: o.label })), POLL.options);
      assert.equal(r.body.multiple, false);
      assert.equal(r.body.closed, false);
    } finally {
      await server.command.stop();
    }
  });

  const malformed: [string, unknown, RegExp][] = [
    ['a single option', { ...POLL, options: [{ id: 'only', label: 'Only' }] }, /"options"/],
    ['an option without a label', { ...POLL, options: [{ id: 'a', label: 'A' }, { id: 'b' }] }, /options\[1\]\.label/],
    ['no question', { id: POLL.id, options: POLL.options }, /"question"/],
    ['text that is not JSON', '{"id": "sleep-poll",', /as JSON/],
  ];
  for (const [what, content, field] of malformed) {
    it(`refuses a poll file with ${what}, naming the field at fault`, async () => {
      const c = await run(['poll', 'create', await pollFile('bad.json', content), '--data', data]);
      assertOneLineError(c, 'non-zero', field);
      assert.equal(existsSync(join(data, LOCK)), false, 'a failed poll create gives the folder back');
    });
  }
});

describe('import and export', () => {
  const DISQUS = `<?xml version="1.0"?><disqus xmlns:dsq="http://disqus.com/disqus-internals">
<thread dsq:id="1"><id>hello</id><link>https://old.example/hello/</link><title>Hello</title></thread>
<post dsq:id="11"><message><![CDATA[<p>First</p>]]></message><createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Ann</name></author><thread dsq:id="1"/></post>
<post dsq:id="12"><message><![CDATA[Reply]]></message><createdAt>2020-01-02T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Bo</name></author><thread dsq:id="1"/><parent dsq:id="11"/></post>
<post dsq:id="13"><message>spam</message><createdAt>2020-01-02T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>true</isSpam><author><name>S</name></author><thread dsq:id="1"/></post>
</disqus>`;

  it('imports a Disqus file twice (options after the positionals), storing it once, then moves the folder to PostgreSQL', async () => {
    const data = newFolder('import');
    const xml = await pollFile('disqus.xml', DISQUS);
    const map = await pollFile('map.json', { hello: 'articles/hello' });
    const first = await run(['import', 'disqus', xml, '--data', data, '--map', map]);
    assert.equal(first.exit?.code, 0, first.output);
    assert.match(first.stdout, /Imported 2 comments into 1 threads/, first.output);
    assert.match(first.stdout, /1 spam/, first.output);
    const second = await run(['import', '--data', data, 'disqus', xml, '--map', map]);
    assert.match(second.stdout, /Imported 0 comments .*\(2 were there already\)/, second.output);

    const backup = join(root, 'backup.json');
    const exported = await run(['export', backup, '--data', data]);
    assert.match(exported.stdout, /Exported 1 threads, 2 comments/, exported.output);
    assert.equal(existsSync(join(data, LOCK)), false, 'export gives the folder back');

    const env = cleanEnv({ DATABASE_URL: await freshDatabase() });
    const restored = await run(['import', 'json', backup], env);
    assert.match(restored.stdout, /Restored from .*: 1 threads, 2 comments/, restored.output);
    const server = await serve([], env);
    try {
      const page = (await new Client(server.url).get('/threads/articles%2Fhello/comments?sort=oldest')).body;
      assert.deepEqual(page.comments.map((c: { body: string }) => c.body), ['First', 'Reply']);
      assert.equal(page.total, 2);
    } finally {
      await server.command.stop();
    }
  });

  it('refuses an import on a folder a server holds, and a broken file with one line naming the place', async () => {
    const data = newFolder('held-import');
    const server = await serve(['--data', data]);
    try {
      const held = await run(['import', 'disqus', await pollFile('d.xml', DISQUS), '--data', data]);
      assertOneLineError(held, 'non-zero', /in use/);
    } finally {
      await server.command.stop();
    }
    const broken = await run(['import', 'wordpress', await pollFile('broken.xml', '<rss><channel><item></channel></rss>'), '--data', data]);
    assertOneLineError(broken, 1, /broken\.xml:1:\d+/);
    const notExport = await run(['import', 'json', await pollFile('other.json', '{"a": 1}'), '--data', data]);
    assertOneLineError(notExport, 1, /line 1: not an export/);
  });
});

describe('shutdown', () => {
  it('SIGTERM with a live stream open exits 0 within seconds, ends the stream and removes the lock', async () => {
    const data = newFolder('sigterm');
    const server = await serve(['--data', data]);
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    try {
      const res = await fetch(`${server.url}/threads/x/events`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      const open = (reader = res.body!.getReader());
      const decoder = new TextDecoder();
      let received = '';
      while (!received.includes('retry:')) {
        const chunk = await within(open.read(), 5_000, 'The stream\'s first event');
        assert.equal(chunk.done, false, 'the stream stayed open');
        received += decoder.decode(chunk.value, { stream: true });
      }
      const streamEnd = (async () => {
        for (;;) if ((await open.read()).done) return 'ended';
      })().catch((e: Error) => `failed: ${e.message}`);

      server.command.child.kill('SIGTERM');
      const exit = await within(server.command.exited, 5_000, 'The exit after SIGTERM').catch((e: Error) => {
        throw new Error(`${e.message}\n${server.command.output}`);
      });
      assert.deepEqual(exit, { code: 0, signal: null }, server.command.output);
      assert.equal(await within(streamEnd, 2_000, 'The end of the live stream'), 'ended');
      assert.equal(existsSync(join(data, LOCK)), false, `${LOCK} is removed`);
    } finally {
      await reader?.cancel().catch(() => {});
      await server.command.stop();
    }
  });
});
