import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { referenceServer } from './test/helpers/reference-server.mjs';

/**
 * Every test runs in Debian's headless Chromium (never a downloaded browser), with the mock
 * service worker served at the root so that msw intercepts the test pages' requests.
 */
const reference = referenceServer();

const args = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // window.gc() for the memory tests (test/memory).
  '--js-flags=--expose-gc',
];

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // a11ySnapshot: names, roles and states as the accessibility tree has them (test/comments/a11y-names).
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), a11ySnapshotPlugin(), reference],
  browsers: [
    chromeLauncher({
      // The time zone is pinned, so that absolute times read the same on every machine (the page's
      // `lang` is pinned in testRunnerHtml).
      launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args, env: { ...process.env, TZ: 'UTC' } },
      // Each test file in a browser context (a window) of its own: a background tab of a shared
      // window gets no animation frames, so fixtures and layout-dependent tests would hang there.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  middleware: [
    // The reference server under /reference/, as a site's reverse proxy serves it.
    (ctx, next) => reference.proxy(ctx, next),
    (ctx, next) => {
      if (ctx.url === '/mockServiceWorker.js') ctx.url = '/public/mockServiceWorker.js';
      return next();
    },
    // The script-tag pages of test/integration/csp are served under a site owner's strict policy;
    // the Trusted Types page also requires Trusted Types, allowing only Lit's policy.
    async (ctx, next) => {
      await next();
      if (ctx.path.startsWith('/test/integration/csp/') && ctx.path.endsWith('.html')) {
        const trustedTypes = ctx.path.endsWith('/trusted-types.html') ? "; require-trusted-types-for 'script'; trusted-types lit-html" : '';
        ctx.set('Content-Security-Policy', `default-src 'self'${trustedTypes}`);
      }
    },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><script>
    window.process = { env: { NODE_ENV: 'development' } };
    // A failed assertion about a DOM node must fail, not hang: the runner sends results with
    // structuredClone, which cannot clone nodes (modernweb-dev/web#2967). Only when the native clone
    // refuses, nodes become their markup and functions their name.
    const clone = structuredClone;
    window.structuredClone = (value, options) => {
      try {
        return clone(value, options);
      } catch (e) {
        if (!(e instanceof DOMException && e.name === 'DataCloneError')) throw e;
        const seen = new WeakMap();
        const plain = (v) => {
          if (v instanceof Node) return v instanceof Element ? v.outerHTML.slice(0, 300) : v.nodeName;
          if (typeof v === 'function') return '[function ' + v.name + ']';
          if (v === null || typeof v !== 'object') return v;
          if (seen.has(v)) return seen.get(v);
          const out = Array.isArray(v) ? [] : v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : {};
          seen.set(v, out);
          for (const k of Object.keys(v)) out[k] = plain(v[k]);
          return out;
        };
        return clone(plain(value), options);
      }
    };
    // A Lit dev-mode warning (other than the notice that dev mode is on) fails the test run.
    const warn = console.warn.bind(console);
    console.warn = (...args) => {
      warn(...args);
      const m = String(args[0]);
      if (m.includes('lit.dev/msg/') && !m.includes('lit.dev/msg/dev-mode')) throw new Error('Lit warning: ' + m);
    };
  </script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
};
