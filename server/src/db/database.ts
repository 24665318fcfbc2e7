/**
 * The one database interface the server speaks. Each driver (PGlite in-process, PostgreSQL through
 * `pg`) implements it, and every statement the server runs is plain PostgreSQL 15 SQL with `$n`
 * parameters, so the same rules run on both.
 */

export interface Result<T> {
  rows: T[];
  /** Rows the statement inserted, updated or deleted. */
  count: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Result<T>>;
}

/** A transaction's queries, and what to do once it has committed. */
export interface Transaction extends Queryable {
  /** Calls `fn` once the transaction has committed; never if it rolls back. */
  afterCommit(fn: () => void): void;
}

/** Runs a driver's transaction with the `afterCommit` list its work fills, then calls what is on it. */
export async function committing<T>(run: (hooks: (() => void)[]) => Promise<T>): Promise<T> {
  const hooks: (() => void)[] = [];
  const result = await run(hooks);
  for (const fn of hooks) fn();
  return result;
}

export interface Database extends Queryable {
  /** `pglite` or `postgres`. */
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for people: a folder, or the PostgreSQL URL without its password. */
  readonly description: string;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Never await anything but the transaction's own queries inside it: on PGlite it holds the
   * whole database.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel`, from this process or any other on the same
   * database, until the returned function is called.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The one channel every change is announced on; payloads carry ids, never whole comments. */
export const CHANNEL = 'experience_events';
