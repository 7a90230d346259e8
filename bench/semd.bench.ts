/**
 * SEMD benchmark: one document built from a record, then checked against the
 * official XSD and Schematron — the work done before the PIN prompt.
 * Prints the median after warm-up; target (issue 6): build + XSD + Schematron ≤ 30 ms,
 * for a consultation (119) and a closed ambulatory case (42, two visits).
 * Wall time suffers on a busy machine, so the CPU time this process spent is printed too.
 *   node bench/semd.bench.ts [ROUNDS]
 */
import { buildSemd } from '../agent/semd/semd-builders.ts';
import { checkSchematron } from '../agent/semd/schematron-check.ts';
import { checkXsd } from '../agent/semd/xsd-check.ts';
import { fullCareFacts } from '../test/fixtures/semd/demo-record.ts';
import { benchCaseRecord, benchRecord } from './bench-records.ts';

const rounds = Number(process.argv[2] ?? 60);
const warmUp = 15;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const identity = (i: number) => ({ localUid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, setId: 'bench', versionNumber: 1 });
const build = (i: number): string => buildSemd(benchRecord(i), identity(i), fullCareFacts).xml;
const buildCase = (i: number): string => buildSemd(benchCaseRecord(i), identity(i)).xml;

async function measure(label: string, task: (i: number) => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < warmUp; i++) await task(i);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await task(warmUp + i);
    const used = process.cpuUsage(startCpu);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  const ms = (v: number) => `${v.toFixed(2).padStart(8)} ms`;
  console.log(`${label.padEnd(32)} median ${ms(median(times))}   min ${ms(Math.min(...times))}   CPU median ${ms(median(cpu))}   (${rounds} runs)`);
}

for (const [kind, make] of [['119', build], ['42', buildCase]] as const) {
  await measure(`${kind} build`, make);
  await measure(`${kind} XSD`, (i) => checkXsd(make(i), kind));
  await measure(`${kind} Schematron`, (i) => checkSchematron(make(i), kind));
  await measure(`${kind} build + XSD + Schematron`, async (i) => {
    const xml = make(i);
    const [xsd, sch] = await Promise.all([checkXsd(xml, kind), checkSchematron(xml, kind)]);
    if (!xsd.ok || !sch.ok) throw new Error(`benchmark document of kind ${kind} is not valid`);
  });
}
