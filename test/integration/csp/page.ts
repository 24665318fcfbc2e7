import { setupWorker } from 'msw/browser';
import { createHandlers } from '../../../src/msw/index.js';
import { comment, poll } from '../../helpers/fixtures.js';
import type { Report } from '../../helpers/csp.js';

/**
 * What the scripts of the pages under a strict policy share: the probe that `probe.js` started,
 * the mock backend (a same-origin service worker, so no inline script is needed), and the script
 * tags added exactly as a site owner writes them.
 */
export const probe = (window as unknown as { __probe: Report }).__probe;

export const ONE_FILE = '/dist/experience-widgets.iife.js';
export const LOADER = '/dist/loader.js';

export function startBackend(): Promise<unknown> {
  const { handlers } = createHandlers({
    endpoint: '/csp-api',
    comments: [comment('c1', { threadId: 'csp-thread', body: 'Walking after dinner helped me.' })],
    // One poll per page: the vote of an anonymous reader stays in this origin's localStorage.
    polls: ['csp-poll', 'csp-loader-poll', 'csp-article-poll'].map((id) => poll(id, { resultsVisibility: 'after-vote' })),
  });
  return setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}

/** Waits until `check` holds; `what` says what was awaited, and may describe the page when the wait fails. */
export function until<T>(check: () => T, what: string | (() => string), ms = 8000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = check();
      if (value) resolve(value);
      else if (Date.now() > end) reject(new Error(`timed out: ${typeof what === 'string' ? what : what()}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

/** Adds a classic script tag; resolves once it ran. */
export function addScriptTag(src: string): Promise<unknown> {
  const script = document.createElement('script');
  script.src = src;
  document.head.append(script);
  return new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load: run \`npm run build\``));
  });
}

/** The files of `dist/` this page fetched so far. */
export const fetched = (): string[] =>
  performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/dist/'));

/** Runs the page's script, then sends the report to the test that framed the page. */
export function report(run: () => Promise<void>): void {
  run()
    .catch((e: unknown) => {
      probe.failure = e instanceof Error ? e.message : String(e);
    })
    // Late violations (a style set after the last step) still count.
    .then(() => new Promise((r) => setTimeout(r, 200)))
    .then(() => {
      probe.fetched = fetched();
      parent.postMessage(JSON.parse(JSON.stringify(probe)), '*');
    });
}
