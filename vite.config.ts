import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;

/**
 * Collapses the CSS inside Lit's css`…` templates: comments, white space, spaces around
 * punctuation. For the script-tag file only, which has no source map: the ES build keeps its CSS
 * as written, so that its source maps stay exact.
 */
function minifyCss(css: string): string {
  return css
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
}

const cssTemplates = (): Plugin => ({
  name: 'minify-css-templates',
  transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
    return code.replace(/css`([^`]*)`/g, (_, body: string) =>
      `css\`${body.split(/(\$\{[^}]*\})/).map((part, i) => (i % 2 ? part : minifyCss(part))).join('')}\``);
  },
});

/**
 * Three jobs, one file:
 * - `vite` (npm run start:static): the demo in `demo/`, backed by msw in the browser; `npm start`
 *   (demo/server.ts) serves the same demo through vite's API against the reference server;
 * - `vite build`: the ES build for npm, one module per source file, dependencies external;
 * - `vite build --mode iife`: `dist/experience-widgets.iife.js`, everything bundled, for the script tag;
 * - `vite build --mode iife-de` (and each locale): `dist/i18n/de.iife.js`, a script tag that registers
 *   the locale's strings with the widgets of the main script.
 */
export default defineConfig(({ command, mode }) => {
  if (command === 'serve') {
    return {
      root: resolve(here, 'demo'),
      publicDir: resolve(here, 'public'),
      server: { host: '127.0.0.1', port: 5173, open: false },
      // `npm run start:static`: the mock backend; `npm start` (demo/server.ts) sets 'server'.
      define: { 'process.env.NODE_ENV': '"development"', __DEMO_BACKEND__: '"mock"' },
    };
  }
  if (mode.startsWith('iife')) {
    const locale = mode.slice('iife-'.length);
    return {
      publicDir: false,
      plugins: [cssTemplates()],
      define: { 'process.env.NODE_ENV': '"production"' },
      resolve: { conditions: ['module', 'browser', 'production'] },
      build: {
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2022',
        minify: true,
        lib: {
          entry: resolve(here, locale ? `src/i18n/${locale}.ts` : 'src/cdn.ts'),
          formats: ['iife'],
          name: 'ExperienceWidgetsBundle',
          fileName: () => (locale ? `i18n/${locale}.iife.js` : 'experience-widgets.iife.js'),
        },
      },
    };
  }
  return {
    publicDir: false,
    build: {
      copyPublicDir: false,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      lib: {
        entry: {
          index: resolve(here, 'src/index.ts'),
          'msw/index': resolve(here, 'src/msw/index.ts'),
          'i18n/es': resolve(here, 'src/i18n/es.ts'),
          'i18n/de': resolve(here, 'src/i18n/de.ts'),
        },
        formats: ['es'],
      },
      rolldownOptions: {
        external: [/^lit(\/|$)/, /^@lit\//, /^nanostores(\/|$)/, /^msw(\/|$)/],
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});
