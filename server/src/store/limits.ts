import type { Database } from '../db/index.js';
import { ApiError } from '../errors.js';

const WINDOW = 60_000;

/**
 * Fixed one-minute windows of writes per bucket (a visitor, an IP), counted in the database so
 * that the limit holds across every process. Throws `rate_limited` with the seconds left in the
 * window once any bucket is over `limit`.
 */
export async function hit(db: Database, buckets: string[], limit: number, now: Date): Promise<void> {
  const start = new Date(Math.floor(+now / WINDOW) * WINDOW);
  let over = false;
  for (const bucket of buckets) {
    const { rows } = await db.query<{ hits: number }>(
      `insert into rate_limits (bucket, window_start, hits) values ($1, $2, 1)
       on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
       returning hits`,
      [bucket, start],
    );
    over ||= rows[0]!.hits > limit;
  }
  if (over) {
    const wait = Math.max(1, Math.ceil((+start + WINDOW - +now) / 1000));
    throw new ApiError('rate_limited', `Too many changes in a short time. Please wait ${wait} seconds.`, undefined, wait);
  }
}

export const forgetOldWindows = (db: Database, now: Date) =>
  db.query('delete from rate_limits where window_start < $1', [new Date(+now - 2 * WINDOW)]);
