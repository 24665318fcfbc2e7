import type { Hono } from 'hono';
import type { Env, Services } from '../app.js';
import { fail } from '../errors.js';
import { ACTIONS, type ModerationAction } from '../store/moderation.js';
import { checkId } from '../store/text.js';
import { body } from './http.js';

export function moderationRoutes(app: Hono<Env>, { comments, moderation }: Services): void {
  app.post('/comments/:id/moderation', async (c) => {
    const action = (await body(c)).action as ModerationAction;
    if (!ACTIONS.includes(action)) fail('validation', `The action is one of ${ACTIONS.join(', ')}.`, 'action');
    return c.json(await moderation.act(c.var.reader, c.req.param('id'), action));
  });

  app.get('/moderation', async (c) =>
    c.json(await moderation.queue(c.var.reader, { cursor: c.req.query('cursor') || null, limit: Number(c.req.query('limit') ?? 20) })),
  );

  app.get('/counts', async (c) => {
    // Split at the commas as sent, then decode: an id with a comma in it comes as %2C.
    const raw = /[?&]threads=([^&]*)/.exec(new URL(c.req.url).search)?.[1] ?? '';
    const ids = [...new Set(raw.split(',').filter(Boolean).map((id) => decodeURIComponent(id.replace(/\+/g, ' '))))];
    if (ids.length > 100) fail('validation', 'Ask for at most 100 threads at a time.', 'threads');
    return c.json({ counts: await comments.counts(ids.map((id) => checkId(id, 'thread'))) });
  });
}
