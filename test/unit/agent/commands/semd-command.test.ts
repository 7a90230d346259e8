import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../../agent/commands/semd-command.ts';
import { demoConsultation, fullCareFacts, minimalAmbulatoryCase, minimalReferral, referralFacts } from '../../../fixtures/semd/demo-record.ts';

// Builds and checks against the official schemas: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'semd-cli-'));
  const record = demoConsultation();
  record.document.createdAt = '2024-03-01T10:15:00+03:00';
  record.encounter.visitDate = '2024-03-01';
  await writeFile(join(dir, 'record.json'), JSON.stringify(record));
  await writeFile(join(dir, 'facts.json'), JSON.stringify(fullCareFacts));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('egisz-agent semd', () => {
  it('builds a document that then checks clean (exit 0)', async () => {
    const build = io();
    const out = join(dir, 'out.xml');
    expect(await run(['build', join(dir, 'record.json'), '--kind', '119', '-o', out, '--facts', join(dir, 'facts.json')], build.io)).toBe(0);
    expect(JSON.parse(build.out.join(''))).toMatchObject({ ok: true, kind: '119', title: 'Протокол консультации' });
    expect(await readFile(out, 'utf8')).toContain('<ClinicalDocument xmlns="urn:hl7-org:v3"');

    const check = io();
    expect(await run(['check', out], check.io)).toBe(0);
    expect(JSON.parse(check.out.join(''))).toMatchObject({ kind: '119', ok: true, xsd: [], schematron: [] });
  });

  it('builds a closed ambulatory case with --kind 42 that checks clean by its templateId', async () => {
    const record = minimalAmbulatoryCase();
    record.document.kind = '119';
    record.document.createdAt = '2024-03-01T10:15:00+03:00';
    record.encounter = { ...record.encounter, openDate: '2024-02-20', closeDate: '2024-03-01', visitDate: '2024-03-01' };
    record.ambulatoryCase!.visits[0]!.date = '2024-03-01';
    await writeFile(join(dir, 'case.json'), JSON.stringify(record));
    const build = io();
    const out = join(dir, 'case.xml');
    expect(await run(['build', join(dir, 'case.json'), '--kind', '42', '-o', out], build.io)).toBe(0);
    expect(JSON.parse(build.out.join(''))).toMatchObject({ ok: true, kind: '42', title: 'Эпикриз по законченному случаю амбулаторный' });
    const check = io();
    expect(await run(['check', out], check.io)).toBe(0);
    expect(JSON.parse(check.out.join(''))).toMatchObject({ kind: '42', ok: true, xsd: [], schematron: [] });
  });

  it('reports Schematron errors as JSON and exits 1', async () => {
    const out = join(dir, 'bare.xml');
    expect(await run(['build', join(dir, 'record.json'), '-o', out], io().io)).toBe(0);
    const broken = (await readFile(out, 'utf8')).replace(/\s*<templateId [^>]*\/>/, '');
    await writeFile(out, broken);
    const check = io();
    expect(await run(['check', out, '--kind', '119'], check.io)).toBe(1);
    const report = JSON.parse(check.out.join('')) as { ok: boolean; schematron: { ruleId?: string }[] };
    expect(report.ok).toBe(false);
    expect(report.schematron.map((f) => f.ruleId)).toContain('У1-11');
  });

  it('exits 1 with the validation issues when the record has errors', async () => {
    const record = demoConsultation();
    record.patient.snils = '123';
    await writeFile(join(dir, 'bad.json'), JSON.stringify(record));
    const build = io();
    expect(await run(['build', join(dir, 'bad.json'), '-o', join(dir, 'never.xml')], build.io)).toBe(1);
    const report = JSON.parse(build.out.join('')) as { ok: boolean; issues: { path: string }[] };
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.path)).toContain('patient.snils');
  });

  it('exits 2 on usage and input problems, with a message', async () => {
    const cases: string[][] = [[], ['frobnicate'], ['build'], ['build', join(dir, 'missing.json')], ['check', join(dir, 'record.json')], ['build', join(dir, 'record.json'), '--bogus', 'x']];
    for (const args of cases) {
      const r = io();
      expect(await run(args, r.io)).toBe(2);
      expect(r.err.join('')).not.toBe('');
    }
  });

  it('refuses an unsupported kind with its stable code', async () => {
    const r = io();
    expect(await run(['build', join(dir, 'record.json'), '--kind', '9999'], r.io)).not.toBe(0);
    expect(r.err.join('') + r.out.join('')).toMatch(/DOCUMENT_KIND_UNSUPPORTED|VALIDATION_DOCUMENT_KIND_UNKNOWN/);
  });
});

describe('egisz-agent semd build --facts', () => {
  it('refuses an incomplete facts file with the reason (exit 2)', async () => {
    await writeFile(join(dir, 'bad-facts.json'), JSON.stringify({ visitKind: { code: '1' } }));
    const r = io();
    expect(await run(['build', join(dir, 'record.json'), '--facts', join(dir, 'bad-facts.json')], r.io)).toBe(2);
    expect(r.err.join('')).toContain('visitKind: не заполнены');
  });
});

describe('egisz-agent semd for a referral (kind 185)', () => {
  it('builds it with its facts and checks it clean, the kind told by its templateId', async () => {
    const record = minimalReferral();
    record.document.createdAt = '2024-03-01T10:15:00+03:00';
    record.encounter.visitDate = '2024-03-01';
    await writeFile(join(dir, 'referral.json'), JSON.stringify(record));
    await writeFile(join(dir, 'referral-facts.json'), JSON.stringify(referralFacts));
    const out = join(dir, 'referral.xml');
    const build = io();
    expect(await run(['build', join(dir, 'referral.json'), '--facts', join(dir, 'referral-facts.json'), '-o', out], build.io)).toBe(0);
    expect(JSON.parse(build.out.join(''))).toMatchObject({ ok: true, kind: '185' });
    const check = io();
    expect(await run(['check', out], check.io)).toBe(0);
    expect(JSON.parse(check.out.join(''))).toMatchObject({ kind: '185', ok: true });
  });

  it('takes the referral the record states over the one in --facts', async () => {
    const record = { ...minimalReferral(), referral: { organization: { oid: '1.2.643.5.1.13.13.12.2.77.7703', name: 'ГБУЗ «Городская больница № 3»' }, service: 'Консультация врача-невролога' } };
    record.document.createdAt = '2024-03-01T10:15:00+03:00';
    record.encounter.visitDate = '2024-03-01';
    await writeFile(join(dir, 'own-referral.json'), JSON.stringify(record));
    await writeFile(join(dir, 'referral-facts.json'), JSON.stringify(referralFacts));
    const out = join(dir, 'own-referral.xml');
    expect(await run(['build', join(dir, 'own-referral.json'), '--facts', join(dir, 'referral-facts.json'), '-o', out], io().io)).toBe(0);
    const xml = await readFile(out, 'utf8');
    expect(xml).toContain('1.2.643.5.1.13.13.12.2.77.7703');
    expect(xml).not.toContain(referralFacts.referral!.organization.oid);
  });
});
