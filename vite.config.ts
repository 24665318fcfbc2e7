import { resolve } from 'node:path';
import MagicString from 'magic-string';
import ts from 'typescript';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { elements, locales } from './src/loader/chunks.js';

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
 * Strips the line breaks and indentation from Lit's html`…` templates, so that templates can be
 * written readably (one element a line) and still render no white-space text nodes: a thousand
 * comments would otherwise carry tens of thousands of them. The rule is JSX's: white space that
 * holds a line break is dropped between tags and becomes one space inside a tag (between
 * attributes); white space within a line is kept, so `<b>a</b> <i>b</i>` keeps its space. Both
 * builds, with source maps; the tests run the templates as written.
 */
const htmlTemplates = (): Plugin => ({
  name: 'strip-html-template-whitespace',
  transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !code.includes('html`')) return null;
    const out = new MagicString(code);
    const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
    /** Whether the text so far ends inside a tag (between its attributes); it carries over `${…}`. */
    let inTag = false;
    /** Rewrites the literal text [start, end) of the source. */
    const strip = (start: number, end: number) => {
      const breaks = /\s*\n\s*/y;
      for (let i = start; i < end; ) {
        breaks.lastIndex = i;
        const run = breaks.exec(code);
        if (run && i + run[0].length <= end) {
          if (inTag) out.overwrite(i, i + run[0].length, ' ');
          else out.remove(i, i + run[0].length);
          i += run[0].length;
          continue;
        }
        if (code[i] === '<' && /[a-zA-Z/!]/.test(code[i + 1] ?? '')) inTag = true;
        else if (code[i] === '>') inTag = false;
        i++;
      }
    };
    const visit = (node: ts.Node): void => {
      if (!ts.isTaggedTemplateExpression(node) || node.tag.getText(file) !== 'html') return ts.forEachChild(node, visit);
      const outer = inTag;
      inTag = false;
      const t = node.template;
      // A literal's text lies between its delimiters: ` or } before, ${ or ` after.
      if (ts.isNoSubstitutionTemplateLiteral(t)) strip(t.getStart(file) + 1, t.end - 1);
      else {
        strip(t.head.getStart(file) + 1, t.head.end - 2);
        for (const { expression, literal } of t.templateSpans) {
          const here: boolean = inTag;
          visit(expression);
          inTag = here;
          strip(literal.getStart(file) + 1, literal.end - (ts.isTemplateTail(literal) ? 1 : 2));
        }
      }
      inTag = outer;
    };
    visit(file);
    return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true, source: id }) } : null;
  },
});

/** What the script-tag builds share: everything bundled, minified, for the browser in production. */
const scriptTag = (build: UserConfig['build']): UserConfig => ({
  publicDir: false,
  plugins: [cssTemplates(), htmlTemplates()],
  define: { 'process.env.NODE_ENV': '"production"' },
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: { emptyOutDir: false, copyPublicDir: false, target: 'es2022', minify: true, ...build },
});

/** A classic script, one self-contained file in `dist/`. */
const classicScript = (entry: string, fileName: string): UserConfig =>
  scriptTag({ lib: { entry: resolve(here, entry), formats: ['iife'], name: 'ExperienceWidgetsBundle', fileName: () => fileName } });

/**
 * The jobs of this file:
 * - `vite` (npm run start:static): the demo in `demo/`, backed by msw in the browser; `npm start`
 *   (demo/server.ts) serves the same demo through vite's API against the reference server;
 * - `vite build`: the ES build for npm, one module per source file, dependencies external;
 * - `vite build --mode iife`: `dist/experience-widgets.iife.js`, everything bundled, for the script tag;
 * - `vite build --mode iife-de` (and each locale): `dist/i18n/de.iife.js`, a script tag that registers
 *   the locale's strings with the widgets of the main script;
 * - `vite build --mode chunks`: `dist/chunks/`, the code-split ES modules that the loader imports,
 *   one per element and locale of `src/loader/chunks.ts` and the shared code;
 * - `vite build --mode loader`: `dist/loader.js`, the loader's classic script.
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
  if (mode === 'iife') return classicScript('src/cdn.ts', 'experience-widgets.iife.js');
  if (mode.startsWith('iife-')) {
    const locale = mode.slice('iife-'.length);
    return classicScript(`src/i18n/${locale}.ts`, `i18n/${locale}.iife.js`);
  }
  if (mode === 'loader') return classicScript('src/loader/index.ts', 'loader.js');
  if (mode === 'chunks') {
    const modules = [...Object.values(elements).map((e) => e.module), ...locales.map((l) => `i18n/${l}`)];
    return scriptTag({
      outDir: 'dist/chunks',
      rolldownOptions: {
        input: Object.fromEntries(modules.map((m) => [m, resolve(here, `src/${m}.ts`)])),
        preserveEntrySignatures: false,
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
          // What three or more chunks need (Lit, the stores, the adapter) in one shared chunk; what
          // fewer share (the thread's code, with the moderation queue) in chunks of their own, so
          // that a poll-only page does not download the thread's code.
          codeSplitting: { groups: [{ name: 'shared', minShareCount: 3 }] },
        },
      },
    });
  }
  return {
    publicDir: false,
    plugins: [htmlTemplates()],
    build: {
      copyPublicDir: false,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      lib: {
        entry: {
          index: resolve(here, 'src/index.ts'),
          'msw/index': resolve(here, 'src/msw/index.ts'),
          ...Object.fromEntries(locales.map((l) => [`i18n/${l}`, resolve(here, `src/i18n/${l}.ts`)])),
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
