import { describe, expect, it, vi } from 'vitest';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { checkSemd, preloadSemdChecks } from '../../../../agent/semd/semd-check.ts';
import { demoConsultation, fixedIdentity, fullCareFacts, maximalCareFacts, maximalConsultation, minimalConsultation } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

describe('checkSemd', () => {
  it('passes a complete consultation through XSD and Schematron', async () => {
    const result = await checkSemd(buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts), '119');
    expect(result).toEqual({ ok: true, xsd: [], schematron: [], issues: [] });
  });

  it('stops at the XSD and says so in Russian', async () => {
    const broken = buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts).replace(/<title>[^<]*<\/title>/, '<title><b/></title>');
    const result = await checkSemd(broken, '119');
    expect(result.ok).toBe(false);
    expect(result.schematron).toEqual([]);
    expect(result.issues[0]).toMatchObject({ code: 'DOCUMENT_XSD_INVALID', severity: 'error', path: 'document' });
    expect(result.issues[0]?.message).toMatch(/^СЭМД не соответствует XSD-схеме \(строка \d+\)/);
  });

  it('turns Schematron findings into issues on record fields', async () => {
    const record = demoConsultation();
    const xml = buildConsultation119(record, fixedIdentity, fullCareFacts).replace(`root="1.2.643.100.3" extension="${record.patient.snils}"`, `root="1.2.643.100.33" extension="${record.patient.snils}"`);
    const result = await checkSemd(xml, '119');
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ path: 'patient.snils', code: 'DOCUMENT_SCHEMATRON_FAILED', message: expect.stringContaining('Правило У1-21') }),
    ]);
  });
});

describe('kind 119 from minimal and maximal records', () => {
  it('passes XSD and Schematron with every optional field filled', async () => {
    const xml = buildConsultation119(maximalConsultation(), fixedIdentity, maximalCareFacts);
    expect(await checkSemd(xml, '119')).toEqual({ ok: true, xsd: [], schematron: [], issues: [] });
    expect(xml).toContain('<identity:Number xsi:type="ST">7700000000000016</identity:Number>');
    expect(xml).toContain('<identity:IssueDate xsi:type="TS" value="20050601"/>');
    expect(xml).toContain('displayName="Паспорт гражданина Российской Федерации"');
    expect(xml).toContain('<telecom value="tel:+7(916)123-45-67"/>');
  });

  it('passes XSD and Schematron with only the required fields', async () => {
    const xml = buildConsultation119(minimalConsultation(), fixedIdentity, fullCareFacts);
    expect(await checkSemd(xml, '119')).toEqual({ ok: true, xsd: [], schematron: [], issues: [] });
    expect(xml).not.toContain('Patronymic');
  });
});

describe('findings about care facts', () => {
  it('point at the missing fact, not at a record field', async () => {
    const result = await checkSemd(buildConsultation119(demoConsultation(), fixedIdentity), '119');
    expect(result.ok).toBe(false);
    expect(new Set(result.issues.map((i) => i.path))).toEqual(
      new Set(['careFacts.paymentSource', 'careFacts.visitKind', 'careFacts.visitPlace', 'careFacts.patientCondition']),
    );
    expect(result.issues.every((i) => i.hint?.includes('настройках клиники'))).toBe(true);
  });
});

describe('preloadSemdChecks', () => {
  it('loads the schemas of the given kinds and refuses an unknown one', async () => {
    await expect(preloadSemdChecks(['119', '186'])).resolves.toBeUndefined();
    await expect(preloadSemdChecks(['9999'])).rejects.toMatchObject({ code: 'DOCUMENT_SCHEMA_MISSING' });
  });
});
