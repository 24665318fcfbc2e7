import type { BackendMode, DemoBackend } from './backend.js';
import { POLL } from './seed.js';

/**
 * The demo against experience-widgets-server (`npm start`): the page's `/api` is proxied to it, and
 * `/api/demo/*` are the demo's own routes beside it (demo/server.ts): they sign the personas'
 * tokens, as a site signs its users', and reset the data.
 */
async function post(path: string, body: object = {}): Promise<Response> {
  const res = await fetch(`/api/demo/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`The demo server answered ${res.status} to ${path}.`);
  return res;
}

const tokens = new Map<string, Promise<string | null>>();

export const backend: DemoBackend = {
  description:
    'The widgets talk to experience-widgets-server on PGlite, through this page\'s /api. What you post is kept between runs; "Reset the demo" starts over.',
  ready: Promise.resolve(),
  tokenFor(persona) {
    if (!tokens.has(persona)) {
      tokens.set(persona, post('token', { persona }).then(async (r) => ((await r.json()) as { token: string | null }).token));
    }
    return () => tokens.get(persona)!;
  },
  setMode: async (mode: BackendMode) => void (await post('settings', { mode })),
  setModeration: async (hold) => void (await post('settings', { moderation: hold ? 'pre' : 'none' })),
  addLiveComment: async () => void (await post('live')),
  async resetPoll() {
    await post('reset-poll');
    localStorage.removeItem(`experience-widgets:poll:${POLL}`);
  },
  async reset() {
    await post('reset');
    localStorage.clear();
  },
};
