import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Env, Services } from '../app.js';
import { idParam } from './http.js';

const KEEP_ALIVE = 15_000;

/**
 * The live route: one `data:` line a ThreadEvent, `retry:` for the browser's reconnect, and a
 * comment line every 15 s so that proxies keep the connection open.
 */
export function eventRoutes(app: Hono<Env>, { live }: Services): void {
  app.get('/threads/:thread/events', (c) => {
    const thread = idParam(c, 'thread');
    c.header('Cache-Control', 'no-cache');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const unsubscribe = live.subscribe(thread, (frame) => void stream.write(frame).catch(() => {}));
      const timer = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => {}), KEEP_ALIVE);
      let end = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      stream.onAbort(end);
      const forget = live.onShutdown(end);
      try {
        await stream.write('retry: 3000\n\n');
        await ended;
      } finally {
        clearInterval(timer);
        forget();
        unsubscribe();
      }
    });
  });
}
