// The official 119.sch, run through our engine: rules must really fire.
import { describe, expect, it, vi } from 'vitest';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { checkSchematron } from '../../../../agent/semd/schematron-check.ts';
import { demoConsultation, fixedIdentity, fullCareFacts } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const complete = buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts);
const ruleIds = async (xml: string) => (await checkSchematron(xml, '119')).findings.map((f) => f.ruleId);

describe('checkSchematron on the official 119.sch', () => {
  it('passes a complete consultation', async () => {
    expect(await checkSchematron(complete, '119')).toEqual({ ok: true, findings: [] });
  });

  it('fires У1-11 when templateId is removed', async () => {
    const result = await checkSchematron(complete.replace(/\s*<templateId [^>]*\/>/, ''), '119');
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ ruleId: 'У1-11', location: '/ClinicalDocument', line: 2 }));
  });

  it('fires У1-10 on the POCD_HD000040 typeId that hobby generators write', async () => {
    expect(await ruleIds(complete.replace('POCD_MT000040', 'POCD_HD000040'))).toEqual(['У1-10']);
  });

  it('maps a wrong patient SNILS root to patient.snils', async () => {
    const broken = complete.replace('<id root="1.2.643.100.3" extension="15642781886"/>', '<id root="1.2.643.100.4" extension="15642781886"/>');
    const { findings } = await checkSchematron(broken, '119');
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'У1-21', path: 'patient.snils', location: '/ClinicalDocument/recordTarget/patientRole/id[2]' }),
    ]);
  });

  it('maps a doctor without a position to practitioner.positionCode (У1-22, У1-26, У1-30)', async () => {
    const record = demoConsultation();
    delete record.practitioner.positionCode;
    const { findings } = await checkSchematron(buildConsultation119(record, fixedIdentity, fullCareFacts), '119');
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(['У1-22', 'У1-26', 'У1-30']));
    expect(new Set(findings.map((f) => f.path))).toEqual(new Set(['practitioner.positionCode']));
  });

  it('maps an organization without an address to organization.address', async () => {
    const record = demoConsultation();
    delete record.organization.address;
    const { findings } = await checkSchematron(buildConsultation119(record, fixedIdentity, fullCareFacts), '119');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'У1-23', path: 'organization.address' }));
  });

  it('reports exactly the care facts the record does not carry', async () => {
    const withoutFacts = buildConsultation119(demoConsultation(), fixedIdentity);
    expect((await ruleIds(withoutFacts)).sort()).toEqual(['У1-27', 'У3-14', 'У3-2', 'У3-4']);
  });

  it('gives the same findings with and without the context pre-filter', async () => {
    const variants = [
      complete,
      complete.replace(/\s*<templateId [^>]*\/>/, ''),
      buildConsultation119(demoConsultation(), fixedIdentity),
      complete.replace(/<addr>[\s\S]*?<\/addr>/, '<addr><streetAddressLine>x</streetAddressLine></addr>'),
    ];
    for (const xml of variants) {
      const fast = await checkSchematron(xml, '119');
      const full = await checkSchematron(xml, '119', { prefilter: false });
      expect(fast.findings.map((f) => f.message).sort()).toEqual(full.findings.map((f) => f.message).sort());
    }
  });

  it('keeps line numbers when the namespace declaration sits on its own line', async () => {
    const multiline = complete.replace(' xmlns="urn:hl7-org:v3"', '\n    xmlns="urn:hl7-org:v3"').replace(/\s*<templateId [^>]*\/>/, '');
    const { findings } = await checkSchematron(multiline, '119');
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'У1-11', line: 2 }));
    const typeId = await checkSchematron(multiline.replace('POCD_MT000040', 'X'), '119');
    expect(typeId.findings).toContainEqual(expect.objectContaining({ ruleId: 'У1-10', line: 5 }));
  });

  it('refuses a document that is not CDA', async () => {
    await expect(checkSchematron('<ClinicalDocument/>', '119')).rejects.toMatchObject({ code: 'DOCUMENT_XML_MALFORMED' });
    await expect(checkSchematron('<a>', '119')).rejects.toMatchObject({ code: 'DOCUMENT_XML_MALFORMED' });
    await expect(checkSchematron(complete, '7')).rejects.toMatchObject({ code: 'DOCUMENT_SCHEMA_MISSING' });
  });
});

describe('a rule the engine cannot evaluate', () => {
  it('counts as failed, with the reason', async () => {
    // 42.sch reports matches(id/@root, setId/@root): two setIds make it a type error.
    const xml = buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts)
      .replace('1.2.643.5.1.13.2.7.5.1.5.9.4', '1.2.643.5.1.13.2.7.5.1.2.3')
      .replace(/(\s*<setId [^>]*\/>)/, '$1$1');
    const { findings } = await checkSchematron(xml, '42');
    expect(findings.some((f) => f.message.includes('правило не удалось проверить'))).toBe(true);
  });
});
