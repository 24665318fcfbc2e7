// A PostgreSQL for tests. With TEST_DATABASE_URL (which .ci/run and `npm test` set), a fresh
// database on that server per call; without it, a throwaway cluster from Debian's packages started
// once per process (initdb and pg_ctl, as the postgres user when we are root), stopped on exit.
// As a script:
//   node server/test/postgres.mjs            starts a cluster, prints its URL, stays until killed (.ci/run)
//   node server/test/postgres.mjs CMD ARGS…  runs CMD with TEST_DATABASE_URL set (a new cluster
//                                            unless one is set already), stops it however CMD ends
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

function pgBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!newest) {
    throw new Error('PostgreSQL is not installed: run `apt-get install -y postgresql`, or set TEST_DATABASE_URL to a server the tests may create databases on.');
  }
  return join(root, newest, 'bin');
}

/** Starts a cluster on a free port; returns its URL and a function that stops it. */
export function startCluster() {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'ew-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = (() => {
      const out = execFileSync('id', ['postgres']).toString();
      return { uid: Number(/uid=(\d+)/.exec(out)[1]), gid: Number(/gid=(\d+)/.exec(out)[1]) };
    })();
    chownSync(dir, uid, gid);
  }
  const run = (cmd, args) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  for (let attempt = 0; ; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    try {
      run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'pg.log'), '-w', '-o',
        `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`, 'start']);
      const stop = () => {
        try {
          run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
        } catch {}
        rmSync(dir, { recursive: true, force: true });
      };
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

let cluster;

/** The URL of a new, empty database for one test server. */
export async function freshDatabase() {
  let base = process.env.TEST_DATABASE_URL;
  if (!base) {
    if (!cluster) {
      cluster = startCluster();
      process.once('exit', () => cluster.stop());
    }
    base = cluster.url;
  }
  const name = `ew_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...args] = process.argv.slice(2);
  const given = process.env.TEST_DATABASE_URL;
  const c = given && command ? { url: given, stop() {} } : startCluster();
  if (!command) {
    console.log(c.url);
    setInterval(() => {}, 1 << 30);
  }
  const child = command && spawn(command, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: c.url } });
  const end = (code) => {
    c.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => (child ? child.kill(signal) : end(0)));
  }
  child?.on('exit', (code, signal) => end(code ?? (signal ? 1 : 0)));
}
