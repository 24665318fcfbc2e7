import { setupWorker, type SetupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';
import { createHandlers, type HandlerOptions, type MockBackend } from '../../src/msw/index.js';

let started: Promise<SetupWorker> | undefined;

/** The page's one msw worker, started on first use. */
export function worker(): Promise<SetupWorker> {
  started ??= (async () => {
    const w = setupWorker();
    await w.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
    return w;
  })();
  return started;
}

let endpoints = 0;

/**
 * A fresh mock backend on its own endpoint (so that cached adapters and stores of earlier tests
 * never see it), served by the worker until the next call. `overrides` come first and win.
 */
export async function mockBackend(
  options: HandlerOptions = {},
  ...overrides: RequestHandler[]
): Promise<MockBackend & { endpoint: string; requests: Request[] }> {
  const endpoint = options.endpoint ?? `/api-${++endpoints}`;
  const backend = createHandlers({ ...options, endpoint });
  const w = await worker();
  const requests: Request[] = [];
  w.events.removeAllListeners('request:start');
  w.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname.startsWith(endpoint)) requests.push(request.clone());
  });
  w.resetHandlers(...overrides, ...backend.handlers);
  return { ...backend, endpoint, requests };
}
