import type { Context } from 'hono';
import type { Env } from '../app.js';
import { fail } from '../errors.js';
import type { Answer } from '../store/idempotency.js';
import { checkId } from '../store/text.js';

/** The request body: a JSON object, or a 400 that says what is wrong. Unknown fields are ignored. */
export async function body(c: Context<Env>): Promise<Record<string, unknown>> {
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    fail('bad_request', 'The request body is not valid JSON.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('bad_request', 'The request body must be a JSON object.');
  return data as Record<string, unknown>;
}

/** A path parameter, checked as an id. */
export const idParam = (c: Context<Env>, name: string, what = name): string => checkId(c.req.param(name) ?? '', what);

/** What `once` and the stores answer, as a response. */
export const reply = (c: Context<Env>, a: Answer): Response =>
  a.body === undefined || a.body === null ? c.body(null, a.status as 204) : c.json(a.body as object, a.status as 200);

/** Where a write's idempotency is scoped: the reader, the key sent, and what was asked. */
export const scope = (c: Context<Env>, request: unknown) => ({
  reader: c.var.reader.key,
  key: c.req.header('Idempotency-Key') || undefined,
  request: [c.req.method, c.req.path, request],
});
