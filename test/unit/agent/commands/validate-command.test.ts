import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runValidateCommand } from '../../../../agent/commands/validate-command.ts';
import { sampleRecord } from '../../shared/validate/sample-record.ts';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'validate-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(name: string, content: string | undefined) {
  const file = join(dir, name);
  if (content !== undefined) writeFileSync(file, content);
  let stdout = '';
  let stderr = '';
  const code = await runValidateCommand(file, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

// The sample is dated 2026-11-25; the command uses the real clock, so move its dates to yesterday.
function recentRecord() {
  const r = sampleRecord();
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  r.encounter.openDate = yesterday;
  r.encounter.visitDate = yesterday;
  r.document.createdAt = `${yesterday}T12:00:00+03:00`;
  return r;
}

describe('runValidateCommand', () => {
  it('exits 0 and prints ok for a sound record', async () => {
    const { code, stdout, stderr } = await run('ok.json', JSON.stringify(recentRecord()));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ ok: true, issues: [] });
  });

  it('exits 0 with warnings only', async () => {
    const r = recentRecord();
    r.patient.lastName = 'ПЕТРОВ';
    const { code, stdout } = await run('warn.json', JSON.stringify(r));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, issues: [{ code: 'VALIDATION_NAME_CASE', severity: 'warning' }] });
  });

  it('exits 1 and lists the errors', async () => {
    const r = recentRecord();
    r.patient.snils = '15642781868';
    const { code, stdout } = await run('bad.json', JSON.stringify(r));
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { ok: boolean; issues: { path: string; remdCode?: string }[] };
    expect(out.ok).toBe(false);
    expect(out.issues).toEqual([expect.objectContaining({ path: 'patient.snils', remdCode: 'PATIENT_MPI_MISMATCH' })]);
  });

  it('validates an array and prefixes paths with the index', async () => {
    const bad = recentRecord();
    bad.document.kind = '';
    const { code, stdout } = await run('many.json', JSON.stringify([recentRecord(), bad]));
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['1.document.kind']);
  });

  it.each([
    ['missing.json', undefined, /ENOENT/],
    ['broken.json', '{"patient": ', /not JSON/],
    ['number.json', '42', /expected a record object/],
    ['other.json', '{"name": "x"}', /none of the record sections/],
    ['section.json', '{"patient": "Петров"}', /section patient must be an object/],
    ['empty.json', '[]', /empty array/],
    ['mixed.json', '[{"patient": {}}, 5]', /record 1/],
  ])('exits 2 for %s with a clear message and no stack', async (name, content, reason) => {
    const { code, stdout, stderr } = await run(name, content);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/не запись документа \/ not a record/);
    expect(stderr).toMatch(reason);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
