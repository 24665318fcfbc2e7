import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { createServer, type CreateOptions, type ExperienceServer } from './app.js';

export { createServer, ExperienceServer, type CreateOptions, type Services } from './app.js';
export type { ServerOptions } from './config.js';
export { openDatabase, FolderInUseError, type Database, type Queryable, type OpenOptions } from './db/index.js';
export { ApiError, type ErrorCode } from './errors.js';
export type { PollDefinition } from './store/polls.js';
export { clearData, importComments, importPolls, type ImportedComment, type ImportedPoll, type ImportOptions } from './store/imports.js';
export type * from './types.js';

export interface ListenOptions extends CreateOptions {
  /** Default 8787; 0 picks a free one. */
  port?: number;
  /** Default `127.0.0.1`: put a reverse proxy in front, or pass `0.0.0.0`. */
  hostname?: string;
}

export interface RunningServer {
  app: ExperienceServer;
  /** Where the API answers, e.g. `http://127.0.0.1:8787/api`. */
  url: string;
  port: number;
  /** The widgets' loader script, when the server found the widgets' build to serve (with a page at `/` using it). */
  scriptUrl: string | null;
  /** Ends the live streams, stops listening, and closes the database. */
  close(): Promise<void>;
}

/** The built widgets to serve at `/widgets/`: the installed `experience-widgets`, or this repository's build. */
function findWidgets(): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(join(dirname(fileURLToPath(import.meta.resolve('experience-widgets/package.json'))), 'dist'));
  } catch {
    // Not installed beside the server.
  }
  candidates.push(fileURLToPath(new URL('../../dist', import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'loader.js'))) ?? null;
}

/** The page at `/`: the widgets on this server, so that a first start shows them working. */
const tryItPage = (api: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>experience-widgets-server</title>
<script src="/widgets/loader.js" defer></script></head>
<body style="max-width: 44rem; margin: 2rem auto; padding: 0 1rem; font: 1rem/1.5 system-ui, sans-serif">
<h1>experience-widgets-server is running</h1>
<p>This page uses the widgets with this server (<code>${api}</code>). Post a comment: it is stored in the
server's database. On your own pages, give <code>endpoint</code> your route to this server.</p>
<experience-comments thread="try-it" endpoint="${api}"></experience-comments>
</body>
</html>`;

/** Starts the server on Node with @hono/node-server. */
export async function listen(options: ListenOptions = {}): Promise<RunningServer> {
  const app = await createServer({ ...options, socketAddress: (c) => getConnInfo(c).remote.address });
  const widgets = options.widgetsDir === undefined ? findWidgets() : options.widgetsDir;
  if (widgets) {
    app.use('/widgets/*', async (c, next) => {
      await next();
      if (c.res.ok) {
        c.header('Cache-Control', 'public, max-age=300');
        c.header('Access-Control-Allow-Origin', '*');
      }
    });
    app.get('/widgets/*', serveStatic({ root: widgets, rewriteRequestPath: (p) => p.replace(/^\/widgets/, '') }));
    app.get('/', (c) => c.html(tryItPage(app.services.config.basePath)));
  }
  const hostname = options.hostname ?? '127.0.0.1';
  let server!: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname }, (info) => resolve(info.port));
    server.once('error', reject);
  });
  const origin = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  return {
    app,
    url: origin + app.services.config.basePath,
    port,
    scriptUrl: widgets ? `${origin}/widgets/loader.js` : null,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      await closed;
    },
  };
}
