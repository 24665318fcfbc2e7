import type { Database, Queryable } from '../db/index.js';
import type { Comment, Poll } from '../types.js';

/** A comment as another system (or a backup) has it: our wire shape, flags optional. */
export type ImportedComment = Pick<Comment, 'id' | 'threadId' | 'parentId' | 'body' | 'createdAt' | 'status'> & {
  author: { id: string; name: string; avatarUrl?: string | null; url?: string | null; roles?: string[] };
  editedAt?: string | null;
  likes?: number;
  pinned?: boolean;
  reports?: number;
  /** Where it came from (`disqus:123`): unique, so that importing it twice stores it once. */
  source?: string | null;
};

/** A poll with its vote counts. */
export type ImportedPoll = Omit<Poll, 'totalVotes' | 'viewerVote' | 'options' | 'closed'> & {
  closed?: boolean;
  options: { id: string; label: string; votes?: number }[];
};

export interface ImportOptions {
  /** Who owns each comment (may edit it): by default nobody who can sign in, `import:<author id>`. */
  ownerOf?: (c: ImportedComment) => string;
  /** Overwrite the text, status and likes of comments already there, instead of leaving them. */
  replace?: boolean;
  /** Comments stored per transaction. Default 500. */
  batchSize?: number;
}

export interface ImportSummary {
  /** Comments stored now (or, with `replace`, overwritten). */
  added: number;
  /** Comments that were there already, left as they are. */
  existing: number;
  /** Replies whose parent was not in the import nor stored: kept at the top level of their thread. */
  orphans: number;
  /** Threads that got comments. */
  threads: number;
}

/**
 * Stores comments as they come, ids kept, in transactions of `batchSize`, so that an export of any
 * size is stored in bounded memory. A reply waits (in memory) until its parent is stored, in this
 * import or before; one whose parent never comes is stored at the top of its thread by `finish`.
 * An entry left out (`skip`: spam, deleted) that replies hang below is stored as a deleted
 * placeholder, so that they stay under it. Each thread's counter is brought up to date. Importing
 * the same comments twice stores them once.
 */
export class CommentImport {
  private batch: ImportedComment[] = [];
  /** Replies by the parent they wait for. */
  private waiting = new Map<string, ImportedComment[]>();
  /** Placeholders for the entries left out, by id, in case replies hang below them. */
  private skipped = new Map<string, ImportedComment>();
  private threads = new Set<string>();
  private readonly summary = { added: 0, existing: 0, orphans: 0 };
  private readonly ownerOf: (c: ImportedComment) => string;

  constructor(
    private db: Database,
    private o: ImportOptions = {},
  ) {
    this.ownerOf = o.ownerOf ?? ((c) => `import:${c.author.id}`);
  }

  /** How many have been through the database so far (stored, or there already). */
  get count(): number {
    return this.summary.added + this.summary.existing;
  }

  async add(c: ImportedComment): Promise<void> {
    this.batch.push(c);
    if (this.batch.length >= (this.o.batchSize ?? 500)) await this.flush();
  }

  /** An entry not imported; stored only as a placeholder, if a reply of the import hangs below it. */
  skip(c: Pick<ImportedComment, 'id' | 'threadId' | 'parentId' | 'createdAt'>): void {
    this.skipped.set(c.id, { ...c, status: 'deleted', body: '', author: { id: 'deleted', name: '' } });
  }

  /** Stores what is left: the last batch, placeholders, and the replies whose parent never came. */
  async finish(): Promise<ImportSummary> {
    await this.flush();
    while (this.waiting.size) {
      for (const [parentId, replies] of this.waiting) {
        const placeholder = this.skipped.get(parentId);
        if (placeholder) {
          this.skipped.delete(parentId);
          this.batch.push(placeholder);
        } else {
          this.waiting.delete(parentId);
          this.summary.orphans += replies.length;
          this.batch.push(...replies.map((c) => ({ ...c, parentId: null })));
        }
      }
      await this.flush();
    }
    return { ...this.summary, threads: this.threads.size };
  }

  /** One transaction: the batch's comments whose parents are known, parents first, in one statement. */
  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    await this.db.transaction(async (tx) => {
      const inBatch = new Set(batch.map((c) => c.id));
      const outside = [...new Set(batch.flatMap((c) => (c.parentId !== null && !inBatch.has(c.parentId) ? [c.parentId] : [])))];
      const roots = new Map((await tx.query<{ id: string; root_id: string }>(
        'select id, root_id from comments where id = any($1::text[])',
        [outside],
      )).rows.map((r) => [r.id, r.root_id]));
      const ready: (ImportedComment & { rootId: string })[] = [];
      for (const c of batch) {
        if (c.parentId !== null && !roots.has(c.parentId)) {
          const siblings = this.waiting.get(c.parentId);
          if (siblings) siblings.push(c);
          else this.waiting.set(c.parentId, [c]);
          continue;
        }
        // It, and every reply that waited for it, below it.
        for (const stack = [c]; stack.length; ) {
          const next = stack.pop()!;
          const rootId = next.parentId === null ? next.id : roots.get(next.parentId)!;
          roots.set(next.id, rootId);
          ready.push({ ...next, rootId });
          stack.push(...(this.waiting.get(next.id) ?? []));
          this.waiting.delete(next.id);
        }
      }
      if (ready.length) await this.store(tx, ready);
    });
  }

  private async store(tx: Queryable, comments: (ImportedComment & { rootId: string })[]): Promise<void> {
    const threadIds = [...new Set(comments.map((c) => c.threadId))];
    for (const id of threadIds) this.threads.add(id);
    await tx.query('insert into threads (id) select unnest($1::text[]) on conflict do nothing', [threadIds]);
    const rows = comments.map((c) => ({
      id: c.id, thread_id: c.threadId, parent_id: c.parentId, root_id: c.rootId, author_key: this.ownerOf(c),
      author_id: c.author.id, author_name: c.author.name, author_avatar: c.author.avatarUrl ?? null, author_url: c.author.url ?? null,
      author_roles: c.author.roles ?? [], body: c.status === 'deleted' ? '' : c.body, status: c.status, likes: c.likes ?? 0,
      reports: c.reports ?? 0, pinned: c.pinned ?? false, created_at: c.createdAt, edited_at: c.editedAt ?? null, source: c.source ?? null,
    }));
    // One statement, so that a reply may come before its parent in it: foreign keys are checked at its end.
    const r = await tx.query<{ thread_id: string; status: string }>(
      `insert into comments (id, thread_id, parent_id, root_id, author_key, author_id, author_name, author_avatar, author_url,
         author_roles, body, status, likes, reports, pinned, created_at, edited_at, source)
       select * from jsonb_to_recordset($1::jsonb) as x(id text, thread_id text, parent_id text, root_id text, author_key text,
         author_id text, author_name text, author_avatar text, author_url text, author_roles text[], body text, status text,
         likes integer, reports integer, pinned boolean, created_at timestamptz, edited_at timestamptz, source text)
       on conflict ${this.o.replace ? '(id) do update set body = excluded.body, status = excluded.status, likes = excluded.likes' : 'do nothing'}
       returning thread_id, status`,
      [JSON.stringify(rows)],
    );
    this.summary.added += r.count;
    this.summary.existing += comments.length - r.count;
    if (this.o.replace) {
      // An overwritten comment may have changed status: count the threads again.
      await recount(tx, threadIds);
      return;
    }
    const published = new Map<string, number>();
    for (const row of r.rows) if (row.status === 'published') published.set(row.thread_id, (published.get(row.thread_id) ?? 0) + 1);
    await tx.query(
      `update threads t set published = t.published + x.n::integer from jsonb_each_text($1::jsonb) as x(id, n) where t.id = x.id`,
      [JSON.stringify(Object.fromEntries(published))],
    );
  }
}

/**
 * Stores comments as they are (see `CommentImport`), parents before their replies in any input
 * order. Returns how many were new.
 */
export async function importComments(db: Database, comments: Iterable<ImportedComment>, o: ImportOptions = {}): Promise<number> {
  const run = new CommentImport(db, o);
  for (const c of comments) await run.add(c);
  return (await run.finish()).added;
}

/** Stores polls with their counts; a poll already there is left as it is. Returns the ids of those added. */
export async function importPolls(db: Database, polls: ImportedPoll[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    const added: string[] = [];
    for (const p of polls) {
      const r = await tx.query(
        `insert into polls (id, question, multiple, max_choices, closes_at, closed, results_visibility)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
        [p.id, p.question, p.multiple, p.multiple ? p.maxChoices : 1, p.closesAt, p.closed ?? false, p.resultsVisibility],
      );
      if (!r.count) continue;
      added.push(p.id);
      for (const [i, opt] of p.options.entries()) {
        await tx.query('insert into poll_options (poll_id, id, label, position, votes) values ($1, $2, $3, $4, $5)', [p.id, opt.id, opt.label, i, opt.votes ?? 0]);
      }
    }
    return added;
  });
}

/** Sets the threads' counters from their rows: after an import, never per request. */
export const recount = (tx: Queryable, threadIds: string[]) =>
  tx.query(
    `update threads t set published = (select count(*) from comments c where c.thread_id = t.id and c.status = 'published')
     where t.id = any($1::text[])`,
    [threadIds],
  );

/**
 * Empties every table of the schema but the settings (the cookie key) and the migrations: all
 * threads, comments, reports, polls and the rest, whatever later migrations add. For demos and tests.
 */
export async function clearData(db: Database): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    `select quote_ident(tablename) as name from pg_tables
     where schemaname = current_schema() and tablename not in ('settings', 'schema_migrations')`,
  );
  await db.query(`truncate ${rows.map((r) => r.name).join(', ')} cascade`);
}
