import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { buildPrescription148 } from '../../../../agent/semd/prescription-148.ts';
import { renderPreview } from '../../../../agent/semd/preview.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';
import { fixedIdentity, maximalCareFacts, maximalPrescription, minimalPrescription } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const golden = new URL('../../../fixtures/semd/prescription-148.golden.xml', import.meta.url);
const clean = { ok: true, xsd: [], schematron: [], issues: [] };
const now = new Date('2026-11-26T12:00:00+03:00');

describe('buildPrescription148', () => {
  it('builds a minimal prescription that passes the official 148 XSD and Schematron', async () => {
    const record = minimalPrescription();
    expect(validateRecord(record, { now }).filter((i) => i.severity === 'error')).toEqual([]);
    expect(await checkSemd(buildPrescription148(record, fixedIdentity), '148')).toEqual(clean);
  });

  it('builds a maximal one that passes them too: priority, special purpose, a decimal comma, ОГРНИП written NA', async () => {
    const record = maximalPrescription();
    expect(validateRecord(record, { now }).filter((i) => i.path.startsWith('prescription'))).toEqual([]);
    const xml = buildPrescription148(record, fixedIdentity, maximalCareFacts);
    expect(await checkSemd(xml, '148')).toEqual(clean);
    expect(xml).toContain('<doseQuantity value="0.5" unit="капс">');
    expect(xml).toContain('<value xsi:type="BL" value="true"/>');
    expect(xml).toContain('displayName="Срочно"');
    expect(xml).toContain('<identity:Ogrnip nullFlavor="NA"/>');
  });

  it('matches the golden file byte for byte', () => {
    const xml = buildPrescription148(maximalPrescription(), fixedIdentity, maximalCareFacts);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, xml);
    expect(xml).toBe(readFileSync(golden, 'utf8'));
  });

  it('previews the drug and how it is taken', () => {
    const preview = renderPreview(buildPrescription148(minimalPrescription(), fixedIdentity));
    expect(preview.title).toBe('Рецепт на лекарственный препарат');
    expect(preview.html).toContain('Амоксициллин, капсулы, 500 мг');
    expect(preview.html).toContain('каждые 8 ч');
  });

  it('is what buildSemd makes of a kind 148 record', () => {
    expect(buildSemd(minimalPrescription(), fixedIdentity)).toMatchObject({ kind: '148', title: 'Рецепт на лекарственный препарат' });
  });

  it('a dose count not in units U breaks rule У3-4, pointed at the prescription', async () => {
    const xml = buildPrescription148(minimalPrescription(), fixedIdentity).replace('<value xsi:type="PQ" value="21" unit="U">', '<value xsi:type="PQ" value="21" unit="шт">');
    const result = await checkSemd(xml, '148');
    expect(result.ok).toBe(false);
    expect(result.schematron).toContainEqual(expect.objectContaining({ ruleId: 'У3-4', path: 'prescription' }));
  });

  it('a missing special-purpose mark breaks rule У3-3, pointed at the prescription, not the diagnoses', async () => {
    const xml = buildPrescription148(minimalPrescription(), fixedIdentity).replace(/<entry>\s*<observation classCode="OBS" moodCode="EVN">\s*<code code="6006"[\s\S]*?<\/entry>/, '');
    const result = await checkSemd(xml, '148');
    expect(result.schematron).toContainEqual(expect.objectContaining({ ruleId: 'У3-3', path: 'prescription' }));
  });
});

describe('prescription rules', () => {
  it('a kind 148 record needs the prescription; amounts are numbers with units', () => {
    const record = minimalPrescription();
    delete record.prescription;
    expect(validateRecord(record, { now })).toContainEqual(expect.objectContaining({ path: 'prescription', code: 'VALIDATION_PRESCRIPTION_REQUIRED' }));
    const broken = minimalPrescription();
    broken.prescription!.dose.value = 'одна';
    broken.prescription!.route.displayName = '';
    const found = validateRecord(broken, { now }).map((i) => `${i.path} ${i.code}`);
    expect(found).toEqual(expect.arrayContaining(['prescription.dose.value VALIDATION_VALUE_NOT_NUMBER', 'prescription.route.displayName VALIDATION_REQUIRED']));
  });
});
