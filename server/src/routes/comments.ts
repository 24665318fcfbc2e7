import type { Hono } from 'hono';
import type { Env, Services } from '../app.js';
import { fail } from '../errors.js';
import { SORTS } from '../store/comments.js';
import { once } from '../store/idempotency.js';
import type { SortOrder } from '../types.js';
import { body, idParam, reply, scope } from './http.js';

/** The session and the comment rows of SPEC section 5's table, one handler a row. */
export function commentRoutes(app: Hono<Env>, { config, db, comments }: Services): void {
  app.get('/session', (c) =>
    c.json({ viewer: c.var.reader.viewer, allowAnonymous: config.allowAnonymous, maxLength: config.maxLength }),
  );

  app.get('/threads/:thread/comments', async (c) => {
    const sort = (c.req.query('sort') || 'newest') as SortOrder;
    if (!SORTS.includes(sort)) fail('validation', `Sort by one of ${SORTS.join(', ')}.`, 'sort');
    const page = await comments.list(c.var.reader, {
      threadId: idParam(c, 'thread'),
      sort,
      limit: Number(c.req.query('limit') ?? 20),
      cursor: c.req.query('cursor') || null,
    });
    return c.json(page);
  });

  app.post('/threads/:thread/comments', async (c) => {
    const b = await body(c);
    const input = {
      threadId: idParam(c, 'thread'),
      parentId: typeof b.parentId === 'string' ? b.parentId : null,
      body: b.body,
      name: typeof b.author === 'object' && b.author ? (b.author as Record<string, unknown>).name : undefined,
    };
    return reply(c, await once(db, scope(c, input), async (tx) => ({ status: 201, body: await comments.create(tx, c.var.reader, input) })));
  });

  app.patch('/comments/:id', async (c) => {
    const b = await body(c);
    return c.json(await comments.update(c.var.reader, c.req.param('id'), b.body));
  });

  app.delete('/comments/:id', async (c) => {
    await comments.remove(c.var.reader, c.req.param('id'));
    return c.body(null, 204);
  });

  app.post('/comments/:id/reactions', async (c) => {
    const b = await body(c);
    const id = c.req.param('id');
    const active = b.active === true;
    return reply(c, await once(db, scope(c, { id, reaction: b.reaction, active }), async (tx) =>
      ({ status: 200, body: await comments.react(tx, c.var.reader, id, b.reaction, active) })));
  });

  app.post('/comments/:id/reports', async (c) => {
    const b = await body(c);
    const id = c.req.param('id');
    return reply(c, await once(db, scope(c, { id, reason: b.reason }), async (tx) => {
      await comments.report(tx, c.var.reader, id, b.reason);
      return { status: 202, body: null };
    }));
  });
}
