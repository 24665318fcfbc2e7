import type { Database, Queryable } from '../db/index.js';
import type { Comment, Poll } from '../types.js';

/** A comment as another system (or a backup) has it: our wire shape, flags optional. */
export type ImportedComment = Pick<Comment, 'id' | 'threadId' | 'parentId' | 'body' | 'createdAt' | 'status'> & {
  author: { id: string; name: string; avatarUrl?: string | null; url?: string | null; roles?: string[] };
  editedAt?: string | null;
  likes?: number;
  pinned?: boolean;
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
}

/**
 * Stores comments as they are, ids kept, parents before their replies (in any input order), each
 * thread's counter brought up to date. Importing the same comments twice stores them once.
 * Returns how many were new.
 */
export async function importComments(db: Database, comments: ImportedComment[], o: ImportOptions = {}): Promise<number> {
  const ownerOf = o.ownerOf ?? ((c) => `import:${c.author.id}`);
  const byId = new Map(comments.map((c) => [c.id, c]));
  const ordered = [...comments].sort((a, b) => depthOf(a, byId) - depthOf(b, byId));
  return db.transaction(async (tx) => {
    let added = 0;
    for (const c of ordered) {
      const root = c.parentId === null ? c.id : await rootOf(tx, c, byId);
      await tx.query('insert into threads (id) values ($1) on conflict do nothing', [c.threadId]);
      const r = await tx.query(
        `insert into comments (id, thread_id, parent_id, root_id, author_key, author_id, author_name, author_avatar, author_url,
           author_roles, body, status, likes, pinned, created_at, edited_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         on conflict (id) do ${o.replace ? 'update set body = excluded.body, status = excluded.status, likes = excluded.likes' : 'nothing'}`,
        [c.id, c.threadId, c.parentId, root, ownerOf(c), c.author.id, c.author.name, c.author.avatarUrl ?? null, c.author.url ?? null,
          c.author.roles ?? [], c.status === 'deleted' ? '' : c.body, c.status, c.likes ?? 0, c.pinned ?? false, c.createdAt, c.editedAt ?? null],
      );
      added += r.count;
    }
    await recount(tx, [...new Set(comments.map((c) => c.threadId))]);
    return added;
  });
}

/** Stores polls with their counts; a poll already there is left as it is. */
export async function importPolls(db: Database, polls: ImportedPoll[]): Promise<number> {
  return db.transaction(async (tx) => {
    let added = 0;
    for (const p of polls) {
      const r = await tx.query(
        `insert into polls (id, question, multiple, max_choices, closes_at, closed, results_visibility)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
        [p.id, p.question, p.multiple, p.multiple ? p.maxChoices : 1, p.closesAt, p.closed ?? false, p.resultsVisibility],
      );
      if (!r.count) continue;
      added++;
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

function depthOf(c: ImportedComment, byId: Map<string, ImportedComment>): number {
  let depth = 0;
  const seen = new Set<string>();
  for (let p = c.parentId; p !== null && byId.has(p) && !seen.has(p); p = byId.get(p)!.parentId) {
    seen.add(p);
    depth++;
  }
  return depth;
}

/** The root of a reply's chain: in this import, or already stored. */
async function rootOf(tx: Queryable, c: ImportedComment, byId: Map<string, ImportedComment>): Promise<string> {
  let top = c;
  const seen = new Set<string>();
  while (top.parentId !== null && byId.has(top.parentId) && !seen.has(top.parentId)) {
    seen.add(top.parentId);
    top = byId.get(top.parentId)!;
  }
  if (top.parentId === null) return top.id;
  const stored = (await tx.query<{ root_id: string }>('select root_id from comments where id = $1', [top.parentId])).rows[0];
  return stored?.root_id ?? top.parentId;
}
