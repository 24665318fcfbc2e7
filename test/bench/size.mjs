// Prints the weight of the script-tag bundle (raw, gzip -9, brotli). Run after `npm run build`.
//   node test/bench/size.mjs               fails above the 20 KB gzip budget
//   node test/bench/size.mjs --ceiling N   fails above N bytes gzip instead (the ratchet that
//                                          `npm test` applies while the bundle is over budget:
//                                          it may shrink, never grow; lower N as it shrinks)
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET = 20 * 1024;
const TARGET = 15 * 1024;
const at = process.argv.indexOf('--ceiling');
const ceiling = at > 0 ? Number(process.argv[at + 1]) : BUDGET;
if (!Number.isFinite(ceiling)) {
  console.error('--ceiling takes a number of bytes.');
  process.exit(2);
}
const file = new URL('../../dist/experience-widgets.iife.js', import.meta.url);
let code;
try {
  code = readFileSync(file);
} catch {
  console.error('dist/experience-widgets.iife.js is missing: run `npm run build` first.');
  process.exit(1);
}
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
console.log('dist/experience-widgets.iife.js');
console.log(`  raw     ${String(code.length).padStart(7)} B  ${kb(code.length)}`);
console.log(`  gzip -9 ${String(gzip).padStart(7)} B  ${kb(gzip)}  (budget ${kb(BUDGET)}, target ${kb(TARGET)})`);
console.log(`  brotli  ${String(brotli).padStart(7)} B  ${kb(brotli)}`);
if (gzip > BUDGET) console.log(`  OVER BUDGET by ${gzip - BUDGET} B gzip.`);
if (gzip > ceiling) {
  console.error(`Over the ${ceiling === BUDGET ? 'budget' : `ceiling of ${ceiling} B`} by ${gzip - ceiling} B gzip.`);
  process.exit(1);
}
