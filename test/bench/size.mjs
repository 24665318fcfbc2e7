// Prints the weight of every way a page gets the widgets (raw, gzip -9, brotli), each against its
// target. Run after `npm run build`. A page of the loader pays for the loader and the chunks it
// fetches: the widget's chunk and every chunk that one imports, each file compressed on its own.
//   node test/bench/size.mjs                          fails above a target
//   node test/bench/size.mjs --ceiling NAME=BYTES ... fails above BYTES gzip for that path instead
//                                                     (a ratchet, for a path over its target: it
//                                                     may shrink, never grow; lower it as it shrinks)
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../../dist/', import.meta.url).pathname;
const KB = 1024;

/** The files a page downloads for one chunk: the chunk and, recursively, the chunks it imports. */
function withImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  for (const [, spec] of code.matchAll(/(?:from|import)\s*"(\.\.?\/[^"]+)"/g)) withImports(relative(dist, join(dist, dirname(file), spec)), seen);
  return seen;
}

/** Each path: a name for `--ceiling`, what it is, the files a page downloads, and its target (gzip). */
const paths = [
  { name: 'one-file', what: 'the one file, experience-widgets.iife.js', files: () => ['experience-widgets.iife.js'] },
  { name: 'loader', what: 'the loader, loader.js', files: () => ['loader.js'], target: 1.5 * KB },
  { name: 'comments', what: 'a comments-only page: loader and chunks', files: () => ['loader.js', ...withImports('chunks/comments/define.js')], target: 20 * KB },
  { name: 'poll', what: 'a poll-only page: loader and chunks', files: () => ['loader.js', ...withImports('chunks/poll/define.js')], target: 15 * KB },
  { name: 'provider', what: 'the provider chunk, added to either', files: () => ['chunks/provider/define.js'] },
  { name: 'locale', what: 'a locale table, i18n/de.iife.js', files: () => ['i18n/de.iife.js'] },
  { name: 'locale-chunk', what: "the loader's locale chunk, chunks/i18n/de.js", files: () => ['chunks/i18n/de.js'] },
];

const ceilings = new Map();
for (let i = 2; i < process.argv.length; i++) {
  const [name, bytes] = process.argv[i] === '--ceiling' ? (process.argv[++i] ?? '').split('=') : [];
  if (!paths.some((p) => p.name === name) || !Number.isFinite(Number(bytes))) {
    console.error(`Usage: size.mjs [--ceiling NAME=BYTES]..., NAME one of ${paths.map((p) => p.name).join(', ')}.`);
    process.exit(2);
  }
  ceilings.set(name, Number(bytes));
}

const n = (bytes) => bytes.toLocaleString('en');
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
let failed = false;
for (const { name, what, files, target } of paths) {
  let raw = 0, gzip = 0, brotli = 0, list;
  try {
    list = files();
    for (const file of list) {
      const code = readFileSync(join(dist, file));
      raw += code.length;
      gzip += gzipSync(code, { level: 9 }).length;
      brotli += brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
  } catch {
    console.error(`dist/ lacks a file of ${what}: run \`npm run build\` first.`);
    process.exit(1);
  }
  const ceiling = ceilings.get(name) ?? target;
  const verdict = [
    target && (gzip > target ? `over its target of ${kb(target)} by ${n(gzip - target)} B` : `under its target of ${kb(target)}`),
    ceilings.has(name) && `ratchet ${n(ceiling)} B`,
  ].filter(Boolean).join(', ');
  console.log(`${what} (${name}${list.length > 1 ? `, ${list.length} files` : ''})`);
  console.log(`  raw ${kb(raw)}, gzip -9 ${n(gzip)} B (${kb(gzip)}), brotli ${kb(brotli)}${verdict ? `: ${verdict}` : ''}`);
  if (ceiling !== undefined && gzip > ceiling) {
    console.log(`  FAILS: over ${ceilings.has(name) ? 'its ratchet' : 'its target'} of ${n(ceiling)} B by ${n(gzip - ceiling)} B gzip.`);
    failed = true;
  }
}
if (failed) process.exit(1);
