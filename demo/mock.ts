import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createHandlers } from '../src/msw/index.js';
import { POLL, personas, seedComments, seedPoll } from './seed.js';

/**
 * The demo's backend: the REST contract served by msw's service worker over an in-memory database,
 * so that `npm start` works with no server. Everything resets on reload.
 */
export const ENDPOINT = '/api';

const { handlers, engine } = createHandlers({
  endpoint: ENDPOINT,
  comments: seedComments(),
  polls: [seedPoll()],
  viewer: personas.guest!.viewer,
  allowAnonymous: true,
  maxLength: 1200,
});

/**
 * Like a real server, the mock knows the reader by the bearer token the widgets send
 * (`provider.getToken`): `demo-token-<persona>`. Requests without one (the live stream) change
 * nothing. Falls through to the real handlers.
 */
const identity = http.all(`${ENDPOINT}/*`, ({ request }) => {
  const persona = /^Bearer demo-token-(\w+)$/.exec(request.headers.get('Authorization') ?? '')?.[1];
  if (persona && persona in personas) engine.viewer = personas[persona]!.viewer;
});

const worker = setupWorker(identity, ...handlers);

/** The database behind the mock: add comments "from others", change the rules. */
export { engine };

/** Starts the service worker; the widgets must not ask anything before this has resolved. */
export const started = worker.start({
  serviceWorker: { url: '/mockServiceWorker.js' },
  onUnhandledRequest: 'bypass',
  quiet: true,
});

/** How the backend answers from now on. */
export type BackendMode = 'normal' | 'slow' | 'failing' | 'offline';

const overrides: Record<BackendMode, Parameters<typeof worker.use>> = {
  normal: [],
  // Falls through to the real handlers after the wait.
  slow: [http.all(`${ENDPOINT}/*`, () => delay(2500).then(() => undefined))],
  failing: [
    http.all(`${ENDPOINT}/*`, () =>
      HttpResponse.json({ error: { code: 'server_error', message: 'The demo server is failing on purpose.' } }, { status: 500 }),
    ),
  ],
  offline: [http.all(`${ENDPOINT}/*`, () => HttpResponse.error())],
};

export function setBackend(mode: BackendMode): void {
  worker.resetHandlers();
  worker.use(...overrides[mode]);
}

/** Puts the poll back as it was, so that the reader can vote again. */
export function resetPoll(): void {
  engine.addPoll(seedPoll());
  // The widget also remembers a guest's vote in this browser (the poll store's key): forget it too.
  localStorage.removeItem(`experience-widgets:poll:${POLL}`);
}
