import pg from 'pg';
import { committing, type Database, type Queryable, type Result } from './database.js';

// int8 (bigint) as a JavaScript number, as PGlite gives it: our counters stay far below 2^53.
pg.types.setTypeParser(20, Number);

const wrap = (q: { query: pg.Pool['query'] }): Queryable => ({
  async query<T>(sql: string, params: unknown[] = []): Promise<Result<T>> {
    const r = await q.query(sql, params);
    return { rows: r.rows as T[], count: r.rowCount ?? 0 };
  },
});

/** The URL with its password masked, to print. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `PostgreSQL at ${u.toString()}`;
  } catch {
    return 'PostgreSQL';
  }
}

/**
 * PostgreSQL through `pg`: a pool for queries and transactions, and one connection of its own for
 * LISTEN, which reconnects and listens again after it drops (a plain `pg.Client` does not).
 */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that drops (a restarted server) must not crash the process.
  pool.on('error', (e) => console.error(`experience-widgets-server: a PostgreSQL connection failed: ${e.message}`));
  await pool.query('select 1');

  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listener: pg.Client | null = null;
  let closed = false;
  let retry = 250;

  async function connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (n) => {
      for (const f of listeners.get(n.channel) ?? []) f(n.payload ?? '');
    });
    client.on('error', () => {});
    client.on('end', () => {
      if (listener === client) listener = null;
      if (!closed) setTimeout(() => void connectListener().catch(reconnectLater), retry);
    });
    await client.connect();
    for (const channel of listeners.keys()) await client.query(`LISTEN "${channel}"`);
    listener = client;
    retry = 250;
  }
  function reconnectLater(e: Error): void {
    console.error(`experience-widgets-server: LISTEN connection failed (${e.message}); retrying`);
    retry = Math.min(retry * 2, 10_000);
    if (!closed) setTimeout(() => void connectListener().catch(reconnectLater), retry);
  }

  return {
    kind: 'postgres',
    description: describe(url),
    ...wrap(pool),
    transaction: (work) =>
      committing(async (hooks) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await work({ ...wrap(client), afterCommit: (fn) => hooks.push(fn) });
          await client.query('commit');
          return result;
        } catch (e) {
          await client.query('rollback').catch(() => {});
          throw e;
        } finally {
          client.release();
        }
      }),
    async listen(channel, onPayload) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new TypeError(`Not a channel name: ${channel}`);
      let set = listeners.get(channel);
      if (!set) {
        listeners.set(channel, (set = new Set()));
        if (listener) await listener.query(`LISTEN "${channel}"`);
        else await connectListener();
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async close() {
      closed = true;
      const l = listener;
      listener = null;
      await l?.end().catch(() => {});
      await pool.end();
    },
  };
}
