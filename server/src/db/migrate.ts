import { readdir, readFile } from 'node:fs/promises';
import type { Database } from './database.js';

const DIR = new URL('./migrations/', import.meta.url);

/**
 * Applies the numbered migrations (`NNN_name.sql`) not yet applied, in order, in one transaction
 * under an advisory lock: several processes starting together apply each one once.
 * Released migrations never change; a change is a new file.
 */
export async function migrate(db: Database): Promise<string[]> {
  const files = (await readdir(DIR)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  const sql = await Promise.all(files.map((f) => readFile(new URL(f, DIR), 'utf8')));
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7410226)`);
    await tx.query(`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await tx.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const [i, name] of files.entries()) {
      if (done.has(name)) continue;
      for (const statement of splitStatements(sql[i]!)) await tx.query(statement);
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
      applied.push(name);
    }
    return applied;
  });
}

/** A migration file's statements: split at semicolons that end a line (none of ours has one inside). */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
