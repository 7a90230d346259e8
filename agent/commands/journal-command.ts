/** `egisz-agent journal verify [--data-dir DIR]`: recomputes the audit journal's hash chain. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAuditJournal } from '../audit/audit-journal.ts';
import { defaultDataDir } from '../config.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  if (positionals[0] !== 'verify') {
    io.stderr('usage: egisz-agent journal verify [--data-dir DIR]\n');
    return 2;
  }
  const verdict = verifyAuditJournal(values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir());
  if (verdict.ok) {
    io.stdout(`journal intact: ${verdict.entries} entries\n`);
    return 0;
  }
  io.stdout(`journal BROKEN at line ${verdict.brokenAt} of ${verdict.entries}: ${verdict.reason}\n`);
  return 1;
}
