/**
 * A 10,000-record file through `egisz-agent validate`, wall time including
 * Node's start-up and the dictionaries' first parse. Target ≤ 3 s.
 *
 *   node bench/validate-command.ts [records]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchRecord } from './bench-records.ts';

const TARGET_S = 3;
const count = Number(process.argv[2] ?? 10_000);
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'bench-validate-'));
const file = join(dir, 'records.json');
writeFileSync(file, JSON.stringify(Array.from({ length: count }, (_, i) => benchRecord(i))));

// The real CLI when its dispatcher wires the command; otherwise the command module itself.
const viaCli = existsSync(join(root, 'agent/commands/validate-cli.ts'));
const args = viaCli
  ? [join(root, 'agent/cli.ts'), 'validate', file]
  : ['--input-type=module', '-e', `import { runValidateCommand } from ${JSON.stringify(join(root, 'agent/commands/validate-command.ts'))};
process.exitCode = await runValidateCommand(${JSON.stringify(file)}, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });`];

const start = process.hrtime.bigint();
const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
rmSync(dir, { recursive: true, force: true });

if (run.status !== 0 && run.status !== 1) {
  console.error(`validate failed (exit ${run.status}): ${run.stderr}`);
  process.exit(1);
}
const out = JSON.parse(run.stdout) as { ok: boolean; issues: unknown[] };
console.log(`${count} records via ${viaCli ? 'agent/cli.ts validate' : 'runValidateCommand'}: ${seconds.toFixed(2)} s wall, exit ${run.status}, ${out.issues.length} issues`);
console.log(`target ≤ ${TARGET_S} s: ${seconds <= TARGET_S ? 'met' : 'MISSED'}`);
