import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPGlite } from './pglite.js';
import { openPostgres } from './postgres.js';

export type { Database, Queryable, Result, Transaction } from './database.js';
export { CHANNEL } from './database.js';
export { FolderInUseError } from './pglite.js';

export interface OpenOptions {
  /** `postgres://…`: PostgreSQL. Otherwise PGlite in `data`. */
  databaseUrl?: string | undefined;
  /** PGlite's data folder, or `memory://`. Default `./experience-data`. */
  data?: string | undefined;
}

/** Opens the database the options name and brings its schema up to date. */
export async function openDatabase(o: OpenOptions = {}): Promise<Database> {
  const db = o.databaseUrl ? await openPostgres(o.databaseUrl) : await openPGlite(o.data ?? './experience-data');
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
