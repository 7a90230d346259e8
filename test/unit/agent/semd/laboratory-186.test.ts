import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { buildLaboratory186 } from '../../../../agent/semd/laboratory-186.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import { renderPreview } from '../../../../agent/semd/preview.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';
import { fixedIdentity, maximalCareFacts, maximalLaboratory, minimalLaboratory, referralFacts } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const golden = new URL('../../../fixtures/semd/laboratory-186.golden.xml', import.meta.url);
const clean = { ok: true, xsd: [], schematron: [], issues: [] };
const facts = { organizationOkpo: referralFacts.organizationOkpo };
const now = new Date('2026-11-26T12:00:00+03:00');

describe('buildLaboratory186', () => {
  it('builds a minimal protocol that passes the official 186 XSD and Schematron', async () => {
    const record = minimalLaboratory();
    expect(validateRecord(record, { now }).filter((i) => i.severity === 'error')).toEqual([]);
    expect(await checkSemd(buildLaboratory186(record, fixedIdentity, facts), '186')).toEqual(clean);
  });

  it('builds a maximal protocol that passes them too: a number with a decimal comma, a text result, an interpretation', async () => {
    const record = maximalLaboratory();
    expect(validateRecord(record, { now }).filter((i) => i.path.startsWith('laboratory'))).toEqual([]);
    const xml = buildLaboratory186(record, fixedIdentity, { ...maximalCareFacts, ...facts });
    expect(await checkSemd(xml, '186')).toEqual(clean);
    expect(xml).toContain('<value xsi:type="PQ" value="142.5" unit="г/л">');
    expect(xml).toContain('<value xsi:type="ST">не обнаружены</value>');
    expect(xml).toContain('displayName="Нормальный"');
    expect(xml).toContain('<manufacturerModelName>Sysmex XN-1000</manufacturerModelName>');
  });

  it('matches the golden file byte for byte', () => {
    const xml = buildLaboratory186(maximalLaboratory(), fixedIdentity, { ...maximalCareFacts, ...facts });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, xml);
    expect(xml).toBe(readFileSync(golden, 'utf8'));
  });

  it('previews with its title and results', () => {
    const preview = renderPreview(buildLaboratory186(maximalLaboratory(), fixedIdentity, facts));
    expect(preview.title).toBe('Протокол лабораторного исследования');
    expect(preview.html).toContain('Гемоглобин общий в крови');
  });

  it('is what buildSemd makes of a kind 186 record', () => {
    expect(buildSemd(minimalLaboratory(), fixedIdentity, facts)).toMatchObject({ kind: '186', title: 'Протокол лабораторного исследования' });
  });

  it('a result without its analyser breaks rule У3-4, pointed at the results', async () => {
    const xml = buildLaboratory186(minimalLaboratory(), fixedIdentity, facts).replace(/<participant typeCode="DEV">\s*<participantRole classCode="ROL">\s*<id [^>]*\/>\s*<\/participantRole>\s*<\/participant>/, '');
    const result = await checkSemd(xml, '186');
    expect(result.ok).toBe(false);
    expect(result.schematron).toContainEqual(expect.objectContaining({ ruleId: 'У3-4', path: 'laboratory.results' }));
  });

  it('refuses a kind 186 record without the study', () => {
    const record = minimalLaboratory();
    delete record.laboratory;
    expect(() => buildLaboratory186(record, fixedIdentity, facts)).toThrow(expect.objectContaining({ code: 'DOCUMENT_DATA_MISSING' }));
  });
});

describe('laboratory rules', () => {
  it('a kind 186 record needs the study; the parts are checked where they are', () => {
    const record = minimalLaboratory();
    delete record.laboratory;
    expect(validateRecord(record, { now })).toContainEqual(expect.objectContaining({ path: 'laboratory', code: 'VALIDATION_LAB_STUDY_REQUIRED' }));
    const broken = minimalLaboratory();
    broken.laboratory!.results[0]!.value = 'много';
    broken.laboratory!.results[0]!.test.codeSystem = 'ФСЛИ';
    broken.laboratory!.specimen.collectedAt = '2026-11-26 08:30';
    const paths = validateRecord(broken, { now }).map((i) => `${i.path} ${i.code}`);
    expect(paths).toEqual(expect.arrayContaining([
      'laboratory.results.0.value VALIDATION_VALUE_NOT_NUMBER',
      'laboratory.results.0.test.codeSystem VALIDATION_CODE_SYSTEM_FORMAT',
      'laboratory.specimen.collectedAt VALIDATION_MOMENT_FORMAT',
    ]));
    broken.laboratory!.results = [];
    expect(validateRecord(broken, { now })).toContainEqual(expect.objectContaining({ path: 'laboratory.results', code: 'VALIDATION_LAB_RESULTS_REQUIRED' }));
  });
});
