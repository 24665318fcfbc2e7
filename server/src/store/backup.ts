import type { Database, Queryable } from '../db/index.js';
import type { ImportedComment } from './imports.js';

/** A comment as a backup holds it: the import shape, with the key of the reader who owns it. */
export type BackedUpComment = ImportedComment & { ownerKey: string };

/**
 * The tables of a backup, in the order they are restored (each one's references before it), and
 * the query that reads each as records of the backup's shape, in an order that puts parents before
 * their replies. Rate limits and idempotency keys are left out: they are forgotten within a day.
 */
export const SECTIONS = {
  settings: 'select key, value from settings order by key',
  threads: `select id, created_at as "createdAt" from threads order by id`,
  comments: `select id, thread_id as "threadId", parent_id as "parentId",
      json_build_object('id', author_id, 'name', author_name, 'avatarUrl', author_avatar, 'url', author_url, 'roles', author_roles) as author,
      body, created_at as "createdAt", edited_at as "editedAt", status, likes, reports, pinned, source, author_key as "ownerKey"
    from comments order by created_at, id`,
  reactions: `select comment_id as "commentId", reader_key as "readerKey", created_at as "createdAt" from reactions order by comment_id, reader_key`,
  reports: `select comment_id as "commentId", reader_key as "readerKey", reason, created_at as "createdAt" from reports order by comment_id, reader_key`,
  moderationLog: `select id, comment_id as "commentId", action, actor_id as "actorId", actor_name as "actorName", at from moderation_log order by id`,
  polls: `select p.id, p.question, p.multiple, p.max_choices as "maxChoices", p.closes_at as "closesAt", p.closed,
      p.results_visibility as "resultsVisibility",
      (select json_agg(json_build_object('id', o.id, 'label', o.label, 'votes', o.votes) order by o.position) from poll_options o where o.poll_id = p.id) as options
    from polls p order by p.id`,
  ballots: `select poll_id as "pollId", voter_key as "voterKey", option_ids as "optionIds", created_at as "createdAt" from ballots order by poll_id, voter_key`,
} as const;

export type Section = keyof typeof SECTIONS;

/**
 * Reads every section in pages of `pageSize` rows through a cursor, in one repeatable-read
 * transaction: a consistent picture of a database that is in use, in bounded memory.
 */
export async function readBackup(
  db: Database,
  to: { section(name: Section): Promise<void>; rows(rows: Record<string, unknown>[]): Promise<void> },
  pageSize = 1000,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read');
    for (const [section, sql] of Object.entries(SECTIONS) as [Section, string][]) {
      await to.section(section);
      await tx.query(`declare backup no scroll cursor for ${sql}`);
      for (let rows; (rows = (await tx.query<Record<string, unknown>>(`fetch forward ${pageSize} from backup`)).rows).length; ) {
        await to.rows(rows);
      }
      await tx.query('close backup');
    }
  });
}

/** A backup's rows of the plain tables, stored in one statement; rows already there are left. */
const RESTORE = {
  settings: ['settings (key, value)', 'key text, value text', 'key, value'],
  threads: ['threads (id, created_at)', 'id text, "createdAt" timestamptz', 'id, "createdAt"'],
  reactions: ['reactions (comment_id, reader_key, created_at)', '"commentId" text, "readerKey" text, "createdAt" timestamptz', '"commentId", "readerKey", "createdAt"'],
  reports: ['reports (comment_id, reader_key, reason, created_at)', '"commentId" text, "readerKey" text, reason text, "createdAt" timestamptz', '"commentId", "readerKey", reason, "createdAt"'],
  moderationLog: ['moderation_log (id, comment_id, action, actor_id, actor_name, at) overriding system value', 'id bigint, "commentId" text, action text, "actorId" text, "actorName" text, at timestamptz', 'id, "commentId", action, "actorId", "actorName", at'],
  ballots: ['ballots (poll_id, voter_key, option_ids, created_at)', '"pollId" text, "voterKey" text, "optionIds" text[], "createdAt" timestamptz', '"pollId", "voterKey", "optionIds", "createdAt"'],
} as const;

export type PlainSection = keyof typeof RESTORE;

/** Stores rows of a plain section; returns how many were new. */
export async function restoreRows(tx: Queryable, section: PlainSection, rows: unknown[]): Promise<number> {
  const [into, columns, select] = RESTORE[section];
  const r = await tx.query(
    `insert into ${into} select ${select} from jsonb_to_recordset($1::jsonb) as x(${columns}) on conflict do nothing`,
    [JSON.stringify(rows)],
  );
  if (section === 'moderationLog') {
    // The log's ids were kept: new entries are numbered after them.
    await tx.query(`select setval(pg_get_serial_sequence('moderation_log', 'id'), greatest((select max(id) from moderation_log), 1))`);
  }
  return r.count;
}
