/**
 * Reading a closed case whose visits table has many rows: the demo MIS's
 * case page with N visit rows, read whole through its built-in profile
 * (scrapeRecord, the work the overlay does on every rebind). Run in
 * happy-dom under Node, which is slower than a browser's DOM: the figures
 * show how the cost grows with the rows, not what a doctor waits for.
 * Prints the figures; not a test.
 *
 *   node bench/table-rows.ts [--runs 20]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Window } from 'happy-dom';
import { builtinProfiles } from '../extension/scrape/builtin-profiles.ts';
import { scrapeRecord } from '../extension/scrape/scrape-record.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
const page = readFileSync(resolve(import.meta.dirname, '../agent/demo/mis/case.html'), 'utf8');
const body = /<body>([\s\S]*)<\/body>/.exec(page)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
const profile = builtinProfiles.find((p) => p.id === 'demo-mis-case')!;

/** The demo page with `count` visit rows, each a copy of the first with its own names and date. */
function caseWithRows(count: number): Document {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = body;
  const rows = doc.querySelector('#visitRows')!;
  const template = rows.firstElementChild!.outerHTML;
  rows.innerHTML = Array.from({ length: count }, (_, i) => template.replaceAll('_1"', `_${i + 1}"`).replace('id="v1_', `id="v${i + 1}_`)).join('');
  rows.querySelectorAll('input[name^=pos_date]').forEach((input, i) => ((input as HTMLInputElement).value = `${String((i % 28) + 1).padStart(2, '0')}.11.2026`));
  return doc;
}

console.log(`scrapeRecord of the demo case page, happy-dom, ${runs} runs each`);
for (const count of [2, 10, 100, 500, 1000]) {
  const doc = caseWithRows(count);
  const times: number[] = [];
  let visits = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    visits = scrapeRecord(doc, profile).record.ambulatoryCase?.visits?.length ?? 0;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${String(count).padStart(5)} rows (${visits} visits read): median ${median.toFixed(2)} ms, ${(median / count).toFixed(3)} ms a row`);
}
