import type { Database } from '../db/index.js';
import { fail } from '../errors.js';
import type { Comment, Reader } from '../types.js';
import { announce, type Comments, type Row } from './comments.js';

export type ModerationAction = 'approve' | 'reject' | 'pin' | 'unpin';
export const ACTIONS: ModerationAction[] = ['approve', 'reject', 'pin', 'unpin'];

const mustModerate = (reader: Reader) => {
  if (!reader.moderator) fail('forbidden', 'Only moderators can do that.');
};

/**
 * A moderator's decisions: approving a held comment publishes it (and tells every live reader),
 * rejecting removes it like a deletion, pinning puts a root first in every sort. Each is logged.
 */
export class Moderation {
  constructor(
    private db: Database,
    private comments: Comments,
    private now: () => Date,
  ) {}

  async act(reader: Reader, id: string, action: ModerationAction): Promise<Comment> {
    mustModerate(reader);
    return this.db.transaction(async (tx) => {
      const row = await this.comments.row(tx, id, reader, true);
      if (!row || row.status === 'deleted') fail('not_found', 'That comment no longer exists.');
      const r = row!;
      if (action === 'approve' && r.status === 'pending') {
        await tx.query(`update comments set status = 'published' where id = $1`, [id]);
        await tx.query(
          `insert into threads (id, published) values ($1, 1) on conflict (id) do update set published = threads.published + 1`,
          [r.thread_id],
        );
        await announce(tx, { type: 'comment-created', thread: r.thread_id, id });
      } else if (action === 'reject') {
        await this.comments.markDeleted(tx, r);
      } else if (action === 'pin' || action === 'unpin') {
        if (r.parent_id !== null) fail('validation', 'Only comments that start a thread can be pinned.', 'action');
        await tx.query('update comments set pinned = $2 where id = $1', [id, action === 'pin']);
        if (r.status === 'published') await announce(tx, { type: 'comment-updated', thread: r.thread_id, id });
      }
      await tx.query(
        'insert into moderation_log (comment_id, action, actor_id, actor_name, at) values ($1, $2, $3, $4, $5)',
        [id, action, reader.viewer?.id ?? reader.key, reader.viewer?.name ?? '', this.now()],
      );
      return this.comments.view((await this.comments.row(tx, id, reader))!, reader);
    });
  }

  /** Pending and reported comments across every thread, newest first, with the reports' reasons. */
  async queue(reader: Reader, q: { cursor: string | null; limit: number }): Promise<{ comments: Comment[]; nextCursor: string | null }> {
    mustModerate(reader);
    const limit = Math.min(Math.max(1, Math.floor(q.limit) || 20), 100);
    const params: unknown[] = [limit + 1];
    let keyset = '';
    if (q.cursor) {
      const at = (await this.db.query<{ created_at: Date }>('select created_at from comments where id = $1', [q.cursor])).rows[0] ??
        fail('validation', 'That page cursor is not valid.', 'cursor');
      keyset = 'and (c.created_at < $2 or (c.created_at = $2 and c.id > $3))';
      params.push(at.created_at, q.cursor);
    }
    const rows = (await this.db.query<Row>(
      `select c.*, false as viewer_liked
       from comments c
       where (c.status = 'pending' or (c.reports > 0 and c.status <> 'deleted')) ${keyset}
       order by c.created_at desc, c.id
       limit $1`,
      params,
    )).rows;
    const page = rows.slice(0, limit);
    const reasons = await this.comments.reasonsOf(page);
    return {
      comments: page.map((r) => ({ ...this.comments.view(r, reader), reportReasons: reasons.get(r.id) ?? [] })),
      nextCursor: rows.length > limit ? page[limit - 1]!.id : null,
    };
  }
}
