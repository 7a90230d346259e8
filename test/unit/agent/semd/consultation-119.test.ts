import { readFileSync, writeFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it, vi } from 'vitest';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { checkXsd } from '../../../../agent/semd/xsd-check.ts';
import { demoConsultation, fixedIdentity, fullCareFacts, maximalCareFacts, maximalConsultation } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const golden = new URL('../../../fixtures/semd/consultation-119.golden.xml', import.meta.url);
const goldenMaximal = new URL('../../../fixtures/semd/consultation-119-maximal.golden.xml', import.meta.url);
const CDA = 'urn:hl7-org:v3';

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

function attr(xml: string, element: string, name: string, index = 0): string | null {
  return parse(xml).getElementsByTagNameNS(CDA, element)[index]?.getAttribute(name) ?? null;
}

describe('buildConsultation119', () => {
  it('builds the demo consultation valid against the official 119 XSD', async () => {
    const xml = buildConsultation119(demoConsultation(), fixedIdentity);
    const result = await checkXsd(xml, '119');
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('matches the golden file byte for byte', () => {
    const xml = buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, xml);
    expect(xml).toBe(readFileSync(golden, 'utf8'));
  });

  it('matches the golden file of the maximal record byte for byte', () => {
    const xml = buildConsultation119(maximalConsultation(), fixedIdentity, maximalCareFacts);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenMaximal, xml);
    expect(xml).toBe(readFileSync(goldenMaximal, 'utf8'));
  });

  it('writes the header the 119 Schematron asks for', () => {
    const xml = buildConsultation119(demoConsultation(), fixedIdentity);
    expect(attr(xml, 'typeId', 'extension')).toBe('POCD_MT000040');
    expect(attr(xml, 'templateId', 'root')).toBe('1.2.643.5.1.13.2.7.5.1.5.9.4');
    expect(attr(xml, 'id', 'root')).toBe('1.2.643.5.1.13.13.12.2.77.7701.100.1.1.51');
    expect(attr(xml, 'id', 'extension')).toBe(fixedIdentity.localUid);
    expect(attr(xml, 'setId', 'root')).toBe('1.2.643.5.1.13.13.12.2.77.7701.100.1.1.50');
    expect(attr(xml, 'code', 'codeSystem')).toBe('1.2.643.5.1.13.13.11.1522');
    expect(attr(xml, 'code', 'code')).toBe('5');
    expect(attr(xml, 'effectiveTime', 'value')).toBe('202611261015+0300');
    expect(attr(xml, 'languageCode', 'code')).toBe('ru-RU');
    expect(attr(xml, 'confidentialityCode', 'code')).toBe('N');
  });

  it('identifies the patient and the doctor by SNILS and the doctor by position', () => {
    const record = demoConsultation();
    const doc = parse(buildConsultation119(record, fixedIdentity));
    const ids = [...doc.getElementsByTagNameNS(CDA, 'id')].map((e) => `${e.getAttribute('root')}|${e.getAttribute('extension')}`);
    expect(ids).toContain(`1.2.643.100.3|${record.patient.snils}`);
    expect(ids).toContain(`1.2.643.100.3|${record.practitioner.snils}`);
    expect(ids).toContain(`1.2.643.5.1.13.13.12.2.77.7701.100.1.1.70|${record.practitioner.localId}`);
    const patronymics = doc.getElementsByTagNameNS('urn:hl7-ru:identity', 'Patronymic');
    expect(patronymics[0]?.textContent).toBe('Сергеевич');
    expect(patronymics[0]?.getAttribute('xsi:type')).toBe('ST');
  });

  it('codes every diagnosis in DOCINFO, main first, and words them in DGN', () => {
    const record = demoConsultation();
    record.encounter.diagnoses.unshift({ code: 'I10', role: 'concomitant' });
    const xml = buildConsultation119(record, fixedIdentity);
    const values = [...parse(xml).getElementsByTagNameNS(CDA, 'value')]
      .filter((v) => v.getAttribute('codeSystem') === '1.2.643.5.1.13.13.11.1005')
      .map((v) => v.getAttribute('code'));
    expect(values).toEqual(['J06.9', 'I10']);
    expect(xml).toContain('Основной: J06.9 ОРВИ, лёгкое течение\nСопутствующий: I10 Эссенциальная [первичная] гипертензия');
  });

  it('writes the care facts it is given and leaves out the ones it is not', () => {
    const complete = buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts);
    const bare = buildConsultation119(demoConsultation(), fixedIdentity);
    expect(complete).toContain('displayName="Удовлетворительное"');
    expect(complete).toContain('<participant typeCode="IND">');
    expect(bare).not.toContain('Удовлетворительное');
    expect(bare).not.toContain('<participant');
  });

  it('changes only the identity parts for a new version', () => {
    const first = buildConsultation119(demoConsultation(), fixedIdentity);
    const second = buildConsultation119(demoConsultation(), { localUid: 'a-new-uid', setId: fixedIdentity.setId, versionNumber: 2 });
    expect(attr(second, 'id', 'extension')).toBe('a-new-uid');
    expect(attr(second, 'setId', 'extension')).toBe(fixedIdentity.setId);
    expect(attr(second, 'versionNumber', 'value')).toBe('2');
    expect(attr(first, 'versionNumber', 'value')).toBe('1');
  });
});
