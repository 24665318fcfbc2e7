import type { Hono } from 'hono';
import type { Env, Services } from '../app.js';
import { fail } from '../errors.js';
import { once } from '../store/idempotency.js';
import { body, idParam, reply, scope } from './http.js';

export function pollRoutes(app: Hono<Env>, { db, polls }: Services): void {
  app.get('/polls/:poll', async (c) => c.json(await polls.get(c.var.reader, idParam(c, 'poll'))));

  app.post('/polls/:poll/votes', async (c) => {
    const b = await body(c);
    const id = idParam(c, 'poll');
    return reply(c, await once(db, scope(c, { id, optionIds: b.optionIds }), async (tx) =>
      ({ status: 200, body: await polls.vote(tx, c.var.reader, id, b.optionIds) })));
  });

  /** Creates (or, while it has no votes, replaces) a poll; for the admin key only. */
  app.post('/admin/polls', async (c) => {
    if (c.var.reader.key !== 'admin') fail('forbidden', 'Creating polls needs the admin key (Authorization: Bearer <admin key>).');
    return c.json(await polls.create(await body(c)), 201);
  });
}
