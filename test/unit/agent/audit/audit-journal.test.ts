import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AuditJournal, verifyAuditJournal } from '../../../../agent/audit/audit-journal.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'egisz-audit-'));

function fill(where: string): void {
  const journal = new AuditJournal(where);
  journal.append({ event: 'signed', localUid: 'a', kind: '119', patientSnils: '15642781886', certificate: 'ab'.repeat(32) });
  journal.append({ event: 'submitted', localUid: 'a' });
  journal.append({ event: 'registered', localUid: 'a', result: '77.119.26.11.000001' });
}

test('an intact journal verifies, across restarts of the writer', () => {
  const where = dir();
  fill(where);
  new AuditJournal(where).append({ event: 'signed', localUid: 'b' });
  expect(verifyAuditJournal(where)).toEqual({ ok: true, entries: 4 });
  expect(statSync(join(where, 'audit-journal.jsonl')).mode & 0o777).toBe(0o600);
});

test('the patient SNILS is never written in the clear', () => {
  const where = dir();
  fill(where);
  const text = readFileSync(join(where, 'audit-journal.jsonl'), 'utf8');
  expect(text).not.toContain('15642781886');
  expect(JSON.parse(text.split('\n')[0]!).patient).toMatch(/^[0-9a-f]{64}$/);
});

test.each([
  ['an edited line', (lines: string[]) => { lines[1] = lines[1]!.replace('submitted', 'rejected'); }, 3],
  ['a deleted line', (lines: string[]) => { lines.splice(1, 1); }, 2],
  ['swapped lines', (lines: string[]) => { [lines[0], lines[1]] = [lines[1]!, lines[0]!]; }, 1],
])('%s breaks the chain', (_name, tamper, brokenAt) => {
  const where = dir();
  fill(where);
  const file = join(where, 'audit-journal.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  tamper(lines);
  writeFileSync(file, lines.join('\n') + '\n');
  expect(verifyAuditJournal(where)).toMatchObject({ ok: false, brokenAt });
});
