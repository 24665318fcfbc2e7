import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { committing, type Database, type Queryable, type Result } from './database.js';

/** Thrown when another running process holds the data folder. */
export class FolderInUseError extends Error {
  override name = 'FolderInUseError';
}

const LOCK = 'experience.lock';

/** When the process started, where the system tells (Linux's /proc), so that a reused pid is told apart. */
function startOf(pid: number | 'self'): string {
  try {
    // Field 22 of /proc/PID/stat, counted after the command name, which may hold spaces.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** Whether the process that wrote `lock` ("pid start") still runs. */
function holderRuns(lock: string): boolean {
  const [pid, start = ''] = lock.trim().split(' ');
  const n = Number(pid);
  if (!n || n === process.pid) return false;
  try {
    process.kill(n, 0);
  } catch (e) {
    // EPERM: it runs, as another user.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A live pid that started at another time is another process that got the number after a reboot.
  return !start || startOf(n) === '' || startOf(n) === start;
}

/**
 * PGlite lets two processes open one folder and then loses rows silently, so the folder is ours
 * only while we hold `experience.lock`, which holds our pid and start time. A lock whose process is
 * gone (a killed server) is taken over.
 */
function lockFolder(dir: string): () => void {
  const file = join(dir, LOCK);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid} ${startOf('self')}`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        throw e instanceof Error && (e as NodeJS.ErrnoException).code === 'EEXIST'
          ? new FolderInUseError(`The data folder ${dir} is being taken by another process at the same moment.`)
          : e;
      }
      const lock = readFileSync(file, 'utf8');
      if (holderRuns(lock)) {
        throw new FolderInUseError(
          `The data folder ${dir} is in use by another experience-widgets-server process (pid ${lock.split(' ')[0]}). ` +
            'PGlite allows one process per folder: stop that one, or use DATABASE_URL with PostgreSQL to run several.',
        );
      }
      rmSync(file, { force: true });
    }
  }
}

const wrap = (q: { query: PGlite['query'] }): Queryable => ({
  async query<T>(sql: string, params: unknown[] = []): Promise<Result<T>> {
    const r = await q.query<T>(sql, params);
    return { rows: r.rows, count: r.affectedRows ?? 0 };
  },
});

/**
 * PGlite in a data folder (created on first start), or in memory when `dir` is `memory://`. Uses
 * PGlite's own API: its node-postgres compatibility layer is broken after a failed query.
 */
export async function openPGlite(dir: string): Promise<Database> {
  const inMemory = dir === 'memory://';
  const path = inMemory ? dir : resolve(dir);
  let unlock = () => {};
  if (!inMemory) {
    mkdirSync(path, { recursive: true });
    unlock = lockFolder(path);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create(inMemory ? undefined : join(path, 'pgdata'));
  } catch (e) {
    unlock();
    throw e;
  }
  const unlockOnExit = () => unlock();
  process.once('exit', unlockOnExit);
  return {
    kind: 'pglite',
    description: inMemory ? 'PGlite in memory' : `PGlite in ${path}`,
    ...wrap(pg),
    transaction: (work) => committing((hooks) => pg.transaction((tx) => work({ ...wrap(tx), afterCommit: (fn) => hooks.push(fn) }))),
    listen: async (channel, onPayload) => {
      const stop = await pg.listen(channel, onPayload);
      return () => stop();
    },
    async close() {
      await pg.close();
      unlock();
      process.off('exit', unlockOnExit);
    },
  };
}
