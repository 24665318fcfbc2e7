import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

/**
 * Three jobs, one file:
 * - `vite` (npm start): the demo in `demo/`, backed by msw in the browser;
 * - `vite build`: the ES build for npm, one module per source file, dependencies external;
 * - `vite build --mode iife`: `dist/experience-widgets.iife.js`, everything bundled, for the script tag.
 */
export default defineConfig(({ command, mode }) => {
  if (command === 'serve') {
    return {
      root: resolve(here, 'demo'),
      publicDir: resolve(here, 'public'),
      server: { host: '127.0.0.1', port: 5173, open: false },
      define: { 'process.env.NODE_ENV': '"development"' },
    };
  }
  if (mode === 'iife') {
    return {
      publicDir: false,
      define: { 'process.env.NODE_ENV': '"production"' },
      resolve: { conditions: ['module', 'browser', 'production'] },
      build: {
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2022',
        minify: true,
        lib: {
          entry: resolve(here, 'src/cdn.ts'),
          formats: ['iife'],
          name: 'ExperienceWidgetsBundle',
          fileName: () => 'experience-widgets.iife.js',
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
        entry: { index: resolve(here, 'src/index.ts'), 'msw/index': resolve(here, 'src/msw/index.ts') },
        formats: ['es'],
      },
      rolldownOptions: {
        external: [/^lit(\/|$)/, /^@lit\//, /^nanostores(\/|$)/, /^msw(\/|$)/],
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});
