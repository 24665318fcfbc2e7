import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createHandlers, mockToken } from '../src/msw/index.js';
import type { BackendMode, DemoBackend } from './backend.js';
import { liveComment, POLL, personas, seedComments, seedPolls, THREAD } from './seed.js';

/**
 * The static demo's backend (`npm run start:static`): the REST contract served by msw's service
 * worker over an in-memory database, so that the demo needs no server. Everything resets on reload.
 */
export const ENDPOINT = '/api';

/**
 * Like a real server, the mock knows each reader by the bearer token the widgets send
 * (`provider.getToken`): a signed-in persona's token names them (`mockToken`), and the guest, who
 * sends none, is the engine's own anonymous reader. Each keeps their own likes, votes and comments.
 */
const { handlers, engine } = createHandlers({
  endpoint: ENDPOINT,
  comments: seedComments(),
  polls: seedPolls(),
  allowAnonymous: true,
  maxLength: 1200,
});

const worker = setupWorker(...handlers);

/** Starts the service worker; the widgets must not ask anything before this has resolved. */
export const started = worker.start({
  serviceWorker: { url: '/mockServiceWorker.js' },
  onUnhandledRequest: 'bypass',
  quiet: true,
});

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

let live = 0;

export const backend: DemoBackend = {
  description: 'No server: a mock backend (msw, in a service worker) answers the widgets from an in-memory database. Reload the page to start over.',
  ready: started.then(() => {}),
  tokenFor(persona) {
    const viewer = personas[persona]?.viewer;
    const token = viewer ? mockToken(viewer) : null;
    return () => token;
  },
  async setMode(mode) {
    worker.resetHandlers();
    worker.use(...overrides[mode]);
  },
  async setModeration(hold) {
    engine.moderation = hold ? 'anonymous' : 'none';
  },
  async addLiveComment() {
    const { author, body } = liveComment(++live);
    engine.insert({
      id: `live-${live}`, threadId: THREAD, parentId: null, author, body,
      createdAt: new Date().toISOString(), editedAt: null, status: 'published', likes: 0,
    });
  },
  async resetPoll() {
    for (const poll of seedPolls()) engine.addPoll(poll);
    // The widget also remembers a guest's vote in this browser (the poll store's key): forget it too.
    localStorage.removeItem(`experience-widgets:poll:${POLL}`);
  },
  async reset() {
    location.reload();
  },
};
