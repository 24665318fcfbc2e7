import { setupWorker, type SetupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';
import { createHandlers, type Engine, type HandlerOptions, type MockBackend } from '../../src/msw/index.js';

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

/** An endpoint no earlier test used, so that the adapters and stores cached for earlier ones never see it. */
export const newEndpoint = (name = 'api'): string => `/${name}-${++endpoints}`;

/**
 * Counts the live streams that `engine` serves: each open events request of the msw handlers
 * subscribes once, and lets go when it closes. A test that sends an event waits for its stream.
 */
export function streams(engine: Engine): () => number {
  let open = 0;
  const subscribe = engine.subscribe.bind(engine);
  engine.subscribe = (threadId, listener) => {
    open++;
    const stop = subscribe(threadId, listener);
    return () => {
      open--;
      stop();
    };
  };
  return () => open;
}

/**
 * A fresh mock backend on its own endpoint (so that cached adapters and stores of earlier tests
 * never see it), served by the worker until the next call. `overrides` come first and win.
 */
export async function mockBackend(
  options: HandlerOptions = {},
  ...overrides: RequestHandler[]
): Promise<MockBackend & { endpoint: string; requests: Request[] }> {
  const endpoint = options.endpoint ?? newEndpoint();
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
