/**
 * What the content scripts weigh, gzipped, from the built extension:
 * the form detector (runs on every page) and the overlay (injected only where
 * a profile or detection matches). The overlay's goal is ≤ 80 KB gzip not
 * counting the NSI dictionaries it bundles for the validators; the
 * dictionaries' share is taken as their own gzip size.
 *
 *   npx wxt build && node bench/overlay-size.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const GOAL_KB = 80;
const built = resolve('.output/chrome-mv3');
const dictionaries = resolve('shared/dictionaries/data');
const gzipKb = (bytes: Buffer): number => gzipSync(bytes, { level: 9 }).length / 1024;
const read = (path: string): Buffer => readFileSync(join(built, path));

const detector = read('content-scripts/form-detector.js');
const overlay = read('content-scripts/overlay.js');
const css = read('content-scripts/overlay.css');
const reader = read('extjs-reader.js');
const dictionaryFiles = readdirSync(dictionaries).filter((f) => f.endsWith('.js'));
const dictionaryKb = gzipKb(Buffer.concat(dictionaryFiles.map((f) => readFileSync(join(dictionaries, f)))));

const row = (name: string, bytes: Buffer): void =>
  console.log(`${name.padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB raw ${gzipKb(bytes).toFixed(1).padStart(7)} KB gzip`);
row('form-detector.js (every page)', detector);
row('overlay.js (matched pages)', overlay);
row('overlay.css', css);
row('extjs-reader.js (page world, ExtJS only)', reader);
const overlayKb = gzipKb(overlay) + gzipKb(css) - dictionaryKb;
console.log(`dictionaries (${dictionaryFiles.length} modules): ${dictionaryKb.toFixed(1)} KB gzip`);
console.log(`overlay without dictionaries: ${overlayKb.toFixed(1)} KB gzip  goal ≤ ${GOAL_KB} KB: ${overlayKb <= GOAL_KB ? 'met' : 'MISSED'}`);
console.log(`form detector: ${gzipKb(detector).toFixed(1)} KB gzip  goal ≤ ${GOAL_KB} KB: ${gzipKb(detector) <= GOAL_KB ? 'met' : 'MISSED'}`);
