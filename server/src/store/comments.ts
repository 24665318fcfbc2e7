import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import { CHANNEL, type Database, type Queryable, type Transaction } from '../db/index.js';
import { fail } from '../errors.js';
import type { Comment, CommentPage, Reader, SortOrder, ThreadEvent } from '../types.js';
import type { WebhookEvent, Webhooks } from '../webhooks.js';
import { checkText, newId } from './text.js';

/** A comment as stored, with whether the asking reader liked it. */
export interface Row {
  id: string;
  thread_id: string;
  parent_id: string | null;
  root_id: string;
  author_key: string;
  author_id: string;
  author_name: string;
  author_avatar: string | null;
  author_url: string | null;
  author_roles: string[];
  body: string;
  status: Comment['status'];
  likes: number;
  reports: number;
  pinned: boolean;
  created_at: Date;
  edited_at: Date | null;
  viewer_liked: boolean;
}

/** The columns of a Row; `$1` is always the reader's key. */
const COLUMNS = `c.id, c.thread_id, c.parent_id, c.root_id, c.author_key, c.author_id, c.author_name, c.author_avatar,
  c.author_url, c.author_roles, c.body, c.status, c.likes, c.reports, c.pinned, c.created_at, c.edited_at,
  exists (select 1 from reactions r where r.comment_id = c.id and r.reader_key = $1) as viewer_liked`;

/** Whether the reader sees a pending comment: its author and moderators do. `$1` reader, `$2` moderator. */
const SEES_PENDING = `(c.status = 'pending' and (c.author_key = $1 or $2::boolean))`;

/** The order of roots, pinned first in every sort, as [column, direction] pairs. */
const ORDERS: Record<SortOrder, [string, 'asc' | 'desc'][]> = {
  newest: [['pinned', 'desc'], ['created_at', 'desc'], ['id', 'asc']],
  oldest: [['pinned', 'desc'], ['created_at', 'asc'], ['id', 'asc']],
  top: [['pinned', 'desc'], ['likes', 'desc'], ['created_at', 'desc'], ['id', 'asc']],
};

/**
 * "Comes after the cursor's row in this order": `(a after A) or (a = A and b after B) or …`, with
 * the cursor row's values as parameters from `$first` on. Mixed directions rule out one row
 * comparison.
 */
function after(order: [string, 'asc' | 'desc'][], first: number): string {
  return order
    .map((_, i) =>
      '(' +
      order
        .slice(0, i + 1)
        .map(([col, dir], j) => `c.${col} ${j < i ? '=' : dir === 'asc' ? '>' : '<'} $${first + j}`)
        .join(' and ') +
      ')',
    )
    .join(' or ');
}

export const SORTS = Object.keys(ORDERS) as SortOrder[];

/** What happened, as NOTIFY carries it: ids only (payloads are capped at 8,000 bytes). */
export interface Change {
  type: ThreadEvent['type'];
  thread: string;
  id: string;
}

export const announce = (tx: Queryable, change: Change) =>
  tx.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(change)]);

/** The placeholder a deleted comment with replies leaves. */
const DELETED_AUTHOR = { id: 'deleted', name: '', avatarUrl: null, url: null, roles: [] };

export class Comments {
  constructor(
    private db: Database,
    private config: Config,
    private webhooks: Webhooks,
  ) {}

  /**
   * The comment as `reader` sees it (`null`: as the public, in live events). A pending comment is a
   * placeholder like a deleted one for everyone but its author and moderators, so that a comment
   * held back after reports leaves its replies in place. `moderator` without a reader: as the
   * site's webhooks see it.
   */
  view(row: Row, reader: Reader | null, moderator = reader?.moderator ?? false): Comment {
    const base = {
      id: row.id,
      threadId: row.thread_id,
      parentId: row.parent_id,
      createdAt: row.created_at.toISOString(),
      pinned: row.pinned,
    };
    const forReader = reader
      ? { viewerLiked: row.status !== 'deleted' && row.viewer_liked, viewerCanEdit: this.canEdit(row, reader) }
      : {};
    const forModerator = moderator ? { reports: row.reports } : {};
    const hidden = row.status === 'deleted' || (row.status === 'pending' && !moderator && row.author_key !== reader?.key);
    if (hidden) {
      return { ...base, status: 'deleted', author: DELETED_AUTHOR, body: '', editedAt: null, likes: 0, ...forReader, ...forModerator };
    }
    return {
      ...base,
      status: row.status,
      author: {
        id: row.author_id,
        name: row.author_name,
        avatarUrl: row.author_avatar,
        url: row.author_url,
        roles: row.author_roles,
      },
      body: row.body,
      editedAt: row.edited_at?.toISOString() ?? null,
      likes: row.likes,
      ...forReader,
      ...forModerator,
    };
  }

  /** Its author, within the edit window. */
  private canEdit(row: Row, reader: Reader): boolean {
    if (row.status === 'deleted' || row.author_key !== reader.key) return false;
    const window = this.config.editWindowMinutes * 60_000;
    return !window || +this.config.now() - +row.created_at < window;
  }

  async row(q: Queryable, id: string, reader: Reader | null, lock = false): Promise<Row | undefined> {
    const sql = `select ${COLUMNS} from comments c where c.id = $2${lock ? ' for update' : ''}`;
    return (await q.query<Row>(sql, [reader?.key ?? '', id])).rows[0];
  }

  /** The comment, if it exists, is not deleted, and the reader may see it. */
  private async visible(q: Queryable, id: string, reader: Reader, lock = false): Promise<Row> {
    const row = await this.row(q, id, reader, lock);
    const sees = row && (row.status === 'published' || (row.status === 'pending' && (row.author_key === reader.key || reader.moderator)));
    return sees ? row : fail('not_found', 'That comment no longer exists.');
  }

  /**
   * One page of roots with all their replies. A deleted comment stays, as a placeholder, while
   * something below it is still shown. `total` is the thread's counter of published comments.
   */
  async list(reader: Reader, q: { threadId: string; sort: SortOrder; limit: number; cursor: string | null }): Promise<CommentPage> {
    const order = ORDERS[q.sort];
    const limit = Math.min(Math.max(1, Math.floor(q.limit) || 20), 100);
    const params: unknown[] = [reader.key, reader.moderator, q.threadId];
    let keyset = '';
    if (q.cursor) {
      const at = (await this.db.query<Record<string, unknown>>(
        `select ${order.map(([col]) => col).join(', ')} from comments where id = $1 and thread_id = $2 and parent_id is null`,
        [q.cursor, q.threadId],
      )).rows[0] ?? fail('validation', 'That page cursor is not valid.', 'cursor');
      keyset = `and (${after(order, params.length + 1)})`;
      params.push(...order.map(([col]) => at[col]));
    }
    params.push(limit + 1);
    const roots = (await this.db.query<Row>(
      `select ${COLUMNS} from comments c
       where c.thread_id = $3 and c.parent_id is null ${keyset}
         and (c.status = 'published' or ${SEES_PENDING} or (c.status in ('deleted', 'pending') and exists (
           select 1 from comments d where d.root_id = c.id and d.id <> c.id
             and (d.status = 'published' or (d.status = 'pending' and (d.author_key = $1 or $2::boolean))))))
       order by ${order.map(([col, dir]) => `c.${col} ${dir}`).join(', ')}
       limit $${params.length}`,
      params,
    )).rows;
    const page = roots.slice(0, limit);
    const replies = page.length
      ? (await this.db.query<Row>(
          `select ${COLUMNS} from comments c
           where c.root_id = any($2::text[]) and c.parent_id is not null
           order by c.created_at, c.id`,
          [reader.key, page.map((r) => r.id)],
        )).rows
      : [];
    const total = (await this.db.query<{ published: number }>('select published from threads where id = $1', [q.threadId])).rows[0];
    const reasons = reader.moderator ? await this.reasonsOf([...page, ...replies]) : new Map<string, string[]>();
    const shown = (r: Row) => {
      const c = this.view(r, reader);
      return reasons.has(r.id) ? { ...c, reportReasons: reasons.get(r.id)! } : c;
    };
    return {
      comments: [...page.map(shown), ...withoutBareDeleted(replies.map(shown))],
      nextCursor: roots.length > limit ? page[limit - 1]!.id : null,
      total: total?.published ?? 0,
    };
  }

  /** Why readers reported each of the reported `rows`, oldest first: for moderators, in one query. */
  async reasonsOf(rows: Row[]): Promise<Map<string, string[]>> {
    const ids = rows.filter((r) => r.reports > 0).map((r) => r.id);
    if (!ids.length) return new Map();
    const found = await this.db.query<{ comment_id: string; reasons: string[] }>(
      `select comment_id, array_agg(reason order by created_at) as reasons from reports
       where comment_id = any($1::text[]) group by comment_id`,
      [ids],
    );
    return new Map(found.rows.map((r) => [r.comment_id, r.reasons]));
  }

  /** Tells the site's webhooks about the comment as it stands in `tx`, once `tx` committed. */
  private async tell(tx: Transaction, type: WebhookEvent, id: string, extra: Record<string, unknown> = {}): Promise<void> {
    const comment = this.view((await this.row(tx, id, null))!, null, true);
    tx.afterCommit(() => this.webhooks.send(type, { comment, ...extra }));
  }

  async create(
    tx: Transaction,
    reader: Reader,
    input: { threadId: string; parentId: string | null; body: unknown; name: unknown },
  ): Promise<Comment> {
    const c = this.config;
    const body = checkText(input.body, c.maxLength, 'body', 'Write something before sending.', `Comments can be at most ${c.maxLength} characters long.`);
    let author: { key: string; id: string; name: string; avatar: string | null; url: string | null; roles: string[] };
    if (reader.viewer) {
      const v = reader.viewer;
      author = { key: reader.key, id: v.id, name: v.name, avatar: v.avatarUrl ?? null, url: reader.url, roles: v.roles };
    } else {
      if (!c.allowAnonymous) fail('unauthorized', 'Sign in to comment.');
      const name = checkText(input.name, c.maxNameLength, 'name', 'Please give a name.', `A name can be at most ${c.maxNameLength} characters long.`);
      author = { key: reader.key, id: publicIdOf(reader.key), name, avatar: null, url: null, roles: [] };
    }
    let root: string | null = null;
    if (input.parentId !== null) {
      const parent = (await tx.query<{ thread_id: string; root_id: string; status: string; author_key: string }>(
        'select thread_id, root_id, status, author_key from comments where id = $1',
        [input.parentId],
      )).rows[0];
      const reachable = parent && parent.thread_id === input.threadId &&
        (parent.status === 'published' || (parent.status === 'pending' && (parent.author_key === reader.key || reader.moderator)));
      if (!reachable) fail('not_found', 'The comment you are replying to no longer exists.');
      root = parent!.root_id;
    }
    const held = c.moderation === 'pre' && !reader.viewer;
    const id = newId('c');
    const status = held ? 'pending' : 'published';
    await tx.query(
      `insert into threads (id, published) values ($1, $2)
       on conflict (id) do update set published = threads.published + excluded.published`,
      [input.threadId, held ? 0 : 1],
    );
    await tx.query(
      `insert into comments (id, thread_id, parent_id, root_id, author_key, author_id, author_name, author_avatar,
         author_url, author_roles, body, status, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, input.threadId, input.parentId, root ?? id, author.key, author.id, author.name, author.avatar, author.url,
        author.roles, body, status, c.now()],
    );
    if (!held) await announce(tx, { type: 'comment-created', thread: input.threadId, id });
    await this.tell(tx, held ? 'comment.held' : 'comment.created', id, held ? { reason: 'moderation' } : {});
    return this.view((await this.row(tx, id, reader))!, reader);
  }

  async update(reader: Reader, id: string, body: unknown): Promise<Comment> {
    const c = this.config;
    const text = checkText(body, c.maxLength, 'body', 'Write something before sending.', `Comments can be at most ${c.maxLength} characters long.`);
    return this.db.transaction(async (tx) => {
      const row = await this.own(tx, reader, id);
      await tx.query('update comments set body = $2, edited_at = $3 where id = $1', [id, text, c.now()]);
      if (row.status === 'published') await announce(tx, { type: 'comment-updated', thread: row.thread_id, id });
      return this.view((await this.row(tx, id, reader))!, reader);
    });
  }

  /** Deletes the reader's own comment, or any comment for a moderator. */
  async remove(reader: Reader, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = reader.moderator ? await this.visible(tx, id, reader, true) : await this.own(tx, reader, id);
      await this.markDeleted(tx, row);
    });
  }

  async markDeleted(tx: Queryable, row: Row): Promise<void> {
    await tx.query(`update comments set status = 'deleted', body = '' where id = $1`, [row.id]);
    if (row.status === 'published') {
      await tx.query('update threads set published = published - 1 where id = $1', [row.thread_id]);
    }
    // A pending comment was never public; its author's widget learns it is gone all the same.
    await announce(tx, { type: 'comment-deleted', thread: row.thread_id, id: row.id });
  }

  private async own(tx: Queryable, reader: Reader, id: string): Promise<Row> {
    const row = await this.visible(tx, id, reader, true);
    if (row.author_key !== reader.key) fail('forbidden', 'You can only change your own comments.');
    if (!this.canEdit(row, reader)) fail('forbidden', 'The time to change this comment is over.');
    return row;
  }

  async react(tx: Queryable, reader: Reader, id: string, reaction: unknown, active: boolean): Promise<Comment> {
    if (reaction !== 'like') fail('validation', 'Unknown reaction.', 'reaction');
    if (!reader.viewer && !this.config.allowAnonymous) fail('unauthorized', 'Sign in to like comments.');
    const row = await this.visible(tx, id, reader, true);
    const changed = active
      ? await tx.query('insert into reactions (comment_id, reader_key, created_at) values ($1, $2, $3) on conflict do nothing', [id, reader.key, this.config.now()])
      : await tx.query('delete from reactions where comment_id = $1 and reader_key = $2', [id, reader.key]);
    if (changed.count) {
      await tx.query('update comments set likes = greatest(0, likes + $2) where id = $1', [id, active ? 1 : -1]);
      if (row.status === 'published') await announce(tx, { type: 'comment-updated', thread: row.thread_id, id });
    }
    return this.view((await this.row(tx, id, reader))!, reader);
  }

  /**
   * One report per reader and comment; a second one from the same reader replaces the reason. The
   * report that brings a published comment to `reportThreshold` holds it back as pending until a
   * moderator decides: once approved, later reports no longer hold it.
   */
  async report(tx: Transaction, reader: Reader, id: string, reason: unknown): Promise<void> {
    const text = checkText(reason, 500, 'reason', 'Please say what is wrong with this comment.', 'Please say it in at most 500 characters.');
    const row = await this.visible(tx, id, reader, true);
    const added = await tx.query<{ added: boolean }>(
      `insert into reports (comment_id, reader_key, reason, created_at) values ($1, $2, $3, $4)
       on conflict (comment_id, reader_key) do update set reason = excluded.reason
       returning (xmax = 0) as added`,
      [id, reader.key, text, this.config.now()],
    );
    if (!added.rows[0]?.added) return;
    const { reports } = (await tx.query<{ reports: number }>('update comments set reports = reports + 1 where id = $1 returning reports', [id])).rows[0]!;
    if (row.status === 'published' && reports === this.config.reportThreshold) {
      await tx.query(`update comments set status = 'pending' where id = $1`, [id]);
      await tx.query('update threads set published = published - 1 where id = $1', [row.thread_id]);
      // To the public it is gone as if deleted (a placeholder while replies hang below it).
      await announce(tx, { type: 'comment-deleted', thread: row.thread_id, id });
      await this.tell(tx, 'comment.held', id, { reason: 'reports' });
    }
    await this.tell(tx, 'comment.reported', id, { report: { reason: text } });
  }

  /** Published comments per thread, for index pages. */
  async counts(threadIds: string[]): Promise<Record<string, number>> {
    const rows = (await this.db.query<{ id: string; published: number }>(
      'select id, published from threads where id = any($1::text[])',
      [threadIds],
    )).rows;
    const counts: Record<string, number> = Object.create(null);
    for (const id of threadIds) counts[id] = 0;
    for (const r of rows) counts[r.id] = r.published;
    return { ...counts };
  }

  /** The comment as a live event shows it to everyone: no reader's own flags. */
  async forEvent(id: string): Promise<Comment | undefined> {
    const row = await this.row(this.db, id, null);
    return row && this.view(row, null);
  }
}

/**
 * Replies without the deleted (or, to this reader, hidden) ones that no shown reply hangs below.
 * Bottom-up over the parent links without recursion, so any depth works.
 */
function withoutBareDeleted(rows: Comment[]): Comment[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const kept = new Set<string>();
  for (const r of rows) {
    if (r.status === 'deleted') continue;
    kept.add(r.id);
    for (let p = r.parentId && byId.get(r.parentId); p && p.status === 'deleted' && !kept.has(p.id); p = p.parentId && byId.get(p.parentId)) {
      kept.add(p.id);
    }
  }
  return rows.filter((r) => kept.has(r.id));
}

/** The public id of an anonymous author: not the visitor id itself, which is a bearer secret. */
export const publicIdOf = (key: string): string => 'anon-' + createHash('sha256').update(key).digest('base64url').slice(0, 12);
