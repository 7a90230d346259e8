/**
 * What the dictionaries cost the extension's content script, gzipped.
 * validate-record imports all of them (МКБ-10 included); the budget is 300 KB.
 * МКБ-10 sits in its own module, so a bundle may split it off and load it lazily.
 *
 *   node bench/validate-dictionary-size.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dir = resolve(import.meta.dirname, '../shared/dictionaries/data');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

let raw = 0;
let gzipped = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const bytes = readFileSync(join(dir, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  console.log(`${name.padEnd(28)} ${kb(bytes.length).padStart(8)} KB raw ${kb(gz).padStart(7)} KB gzip`);
}
// One gzip stream over everything, as a single bundle would be served.
const together = gzipSync(Buffer.concat(readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f)))), { level: 9 }).length;
console.log(`all dictionaries: ${kb(raw)} KB raw, ${kb(gzipped)} KB gzip per module, ${kb(together)} KB gzip as one bundle`);
console.log(`budget ≤ ${BUDGET_KB} KB gzip: ${together / 1024 <= BUDGET_KB ? 'met' : 'MISSED'}`);
