// Checks that every module of src/ imports only from the layers below it, as src/README.md draws
// them. `npm test` runs it; a new folder, or an import against the grain, fails here with the line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const src = resolve(import.meta.dirname, '../../src');

/** What each layer may import besides itself (the entries at the top may import anything). */
const ALLOWED = {
  model: [],
  util: ['model'],
  adapters: ['model', 'util'],
  msw: ['model', 'util', 'adapters'],
  i18n: [],
  stores: ['model', 'util'],
  ui: ['model', 'i18n'],
  provider: ['model', 'util', 'adapters', 'i18n', 'stores', 'widgets'],
  comments: ['model', 'util', 'i18n', 'stores', 'ui', 'provider'],
  poll: ['model', 'util', 'i18n', 'stores', 'ui', 'provider'],
  count: ['model', 'util', 'i18n', 'stores', 'ui', 'provider'],
  moderation: ['model', 'util', 'i18n', 'stores', 'ui', 'provider', 'comments'],
  widgets: ['comments', 'poll', 'count', 'moderation'],
  loader: [],
};
const ENTRIES = new Set(['index', 'cdn']);

/** The layer of a module: its folder, or the file's own name for src/util.ts and src/widgets.ts. */
const layerOf = (file) => relative(src, file).split('/')[0].replace(/\.ts$/, '');

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

const problems = [];
for (const file of files(src)) {
  const from = layerOf(file);
  if (ENTRIES.has(from)) continue;
  if (!(from in ALLOWED)) {
    problems.push(`${relative(src, file)}: the layer "${from}" is not in src/README.md (and ALLOWED here)`);
    continue;
  }
  const code = readFileSync(file, 'utf8');
  // Every `import … from '…'`, `export … from '…'` (on one line or several) and bare `import '…'`.
  for (const m of code.matchAll(/^(?:import|export)\b[^;]*?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const to = layerOf(resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
    const line = code.slice(0, m.index).split('\n').length;
    if (to !== from && !ALLOWED[from].includes(to)) problems.push(`${relative(src, file)}:${line}: ${from} may not import ${to}`);
  }
}
if (problems.length) {
  console.error(`Imports against the layers of src/README.md:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layers: every import of src/ goes down the layers of src/README.md');
