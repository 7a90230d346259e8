/**
 * How long one full record takes to validate: the extension runs this on every
 * edit, so the target is ≤ 0.2 ms median. Prints the figures; not a test.
 *
 *   node bench/validate-record.ts
 */
import { performance } from 'node:perf_hooks';
import { validateField, validateRecord } from '../shared/validate/validate-record.ts';
import { benchRecord } from './bench-records.ts';

const TARGET_MS = 0.2;

function measure(label: string, runs: number, work: (i: number) => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(4);
  console.log(`${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms over ${runs} runs`);
  return Number(at(0.5));
}

const firstLoad = performance.now();
validateRecord(benchRecord(0));
console.log(`first call (parses the dictionaries): ${(performance.now() - firstLoad).toFixed(1)} ms`);

const records = Array.from({ length: 2000 }, (_, i) => benchRecord(i));
for (let i = 0; i < 2000; i++) validateRecord(records[i % records.length]!); // warm-up
const median = measure('validateRecord, one full record', 20_000, (i) => validateRecord(records[i % records.length]!));
measure('validateField(patient.snils)', 20_000, (i) => validateField('patient.snils', records[i % records.length]!));
measure('validateField(encounter.diagnoses.0.code)', 20_000, (i) => validateField('encounter.diagnoses.0.code', records[i % records.length]!));
console.log(`target ≤ ${TARGET_MS} ms median: ${median <= TARGET_MS ? 'met' : 'MISSED'}`);
