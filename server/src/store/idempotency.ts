import { createHash } from 'node:crypto';
import type { Database, Transaction } from '../db/index.js';
import { fail } from '../errors.js';

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Runs a write once per `Idempotency-Key` and reader: the key is claimed, the write done and its
 * answer stored in one transaction, so a retry (even a concurrent one, which waits on the claim)
 * gets the first answer again, and a failed write leaves the key free for the retry. The same key
 * with another request is refused.
 */
export async function once(
  db: Database,
  scope: { reader: string; key: string | undefined; request: unknown },
  write: (tx: Transaction) => Promise<Answer>,
): Promise<Answer> {
  const { key } = scope;
  if (!key) return db.transaction(write);
  if (key.length > 200) fail('validation', 'The Idempotency-Key is too long.', 'Idempotency-Key');
  const hash = createHash('sha256').update(JSON.stringify(scope.request)).digest('base64url');
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      'insert into idempotency (reader_key, key, request_hash) values ($1, $2, $3) on conflict do nothing',
      [scope.reader, key, hash],
    );
    if (!claimed.count) {
      const first = (await tx.query<{ request_hash: string; status: number; response: unknown }>(
        'select request_hash, status, response from idempotency where reader_key = $1 and key = $2',
        [scope.reader, key],
      )).rows[0]!;
      if (first.request_hash !== hash) fail('validation', 'This Idempotency-Key was already used for a different request.', 'Idempotency-Key');
      return { status: first.status, body: first.response };
    }
    const answer = await write(tx);
    await tx.query('update idempotency set status = $3, response = $4 where reader_key = $1 and key = $2', [
      scope.reader,
      key,
      answer.status,
      JSON.stringify(answer.body ?? null),
    ]);
    return answer;
  });
}

/** Keys older than a day are forgotten: a retry comes within seconds. */
export const forgetOldKeys = (db: Database, now: Date) =>
  db.query('delete from idempotency where created_at < $1', [new Date(+now - 86_400_000)]);
