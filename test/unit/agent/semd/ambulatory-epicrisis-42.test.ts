import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { buildAmbulatoryEpicrisis42 } from '../../../../agent/semd/ambulatory-epicrisis-42.ts';
import { renderPreview } from '../../../../agent/semd/preview.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';
import { fixedIdentity, maximalAmbulatoryCase, minimalAmbulatoryCase } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const golden = new URL('../../../fixtures/semd/ambulatory-epicrisis-42.golden.xml', import.meta.url);
const clean = { ok: true, xsd: [], schematron: [], issues: [] };
const now = new Date('2026-11-26T12:00:00+03:00');

describe('buildAmbulatoryEpicrisis42', () => {
  it('builds a minimal closed case that passes the official 42 XSD and Schematron', async () => {
    const record = minimalAmbulatoryCase();
    expect(validateRecord(record, { now }).filter((i) => i.severity === 'error')).toEqual([]);
    expect(await checkSemd(buildAmbulatoryEpicrisis42(record, fixedIdentity), '42')).toEqual(clean);
  });

  it('builds a maximal one that passes them too: two visits with texts, result, outcome, payment, drugs', async () => {
    const record = maximalAmbulatoryCase();
    expect(validateRecord(record, { now }).filter((i) => i.path.startsWith('ambulatoryCase'))).toEqual([]);
    const xml = buildAmbulatoryEpicrisis42(record, fixedIdentity);
    expect(await checkSemd(xml, '42')).toEqual(clean);
    expect(xml.match(/<encounter classCode="ENC" moodCode="EVN">/g)).toHaveLength(3);
    expect(xml).toContain('codeSystem="1.2.643.5.1.13.13.11.1046"');
    expect(xml).toContain('<value xsi:type="ST">Зев гиперемирован, дыхание везикулярное.</value>');
    expect(xml).toContain('<manufacturedLabeledDrug>');
  });

  it('writes the older profile: POCD_HD000040, two given, no Russian extensions', () => {
    const xml = buildAmbulatoryEpicrisis42(maximalAmbulatoryCase(), fixedIdentity);
    expect(xml).toContain('extension="POCD_HD000040"');
    expect(xml).toContain('<given>Иван</given>\n          <given>Сергеевич</given>');
    expect(xml).not.toMatch(/identity:|address:|fias:|medService:/);
    expect(buildAmbulatoryEpicrisis42(minimalAmbulatoryCase(), fixedIdentity)).toContain('<given nullFlavor="NI"/>');
  });

  it('names each visit\'s own doctor as its performer, the record\'s doctor otherwise', () => {
    const xml = buildAmbulatoryEpicrisis42(maximalAmbulatoryCase(), fixedIdentity);
    const visits = xml.slice(xml.indexOf('<code code="AMBSV"')).split('<encounter classCode="ENC" moodCode="EVN">').slice(1);
    expect(visits).toHaveLength(2);
    expect(visits[0]).toContain('<id root="1.2.643.100.3" extension="11223344595"/>');
    expect(visits[1]).toContain('<id root="1.2.643.100.3" extension="12345678964"/>');
    expect(visits[1]).toContain('<family>Сидоров</family>');
    expect(xml).toContain('<paragraph>Врач: Сидоров Алексей</paragraph>');
  });

  it('matches the golden file byte for byte', () => {
    const xml = buildAmbulatoryEpicrisis42(maximalAmbulatoryCase(), fixedIdentity);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, xml);
    expect(xml).toBe(readFileSync(golden, 'utf8'));
  });

  it('previews the case period, the patronymic, the visits and the treatment', () => {
    const preview = renderPreview(buildAmbulatoryEpicrisis42(maximalAmbulatoryCase(), fixedIdentity));
    expect(preview.title).toBe('Эпикриз по законченному случаю амбулаторный');
    expect(preview.html).toContain('<td>Петров Иван Сергеевич</td>');
    expect(preview.html).toContain('<tr><th>Период случая</th><td>20.11.2026 — 26.11.2026</td></tr>');
    expect(preview.html).toContain('Посещение №2, 26.11.2026: Амбулаторно');
    expect(preview.html).toContain('<h4>Медикаментозное лечение</h4><p>Парацетамол, таблетки, 500 мг</p>');
  });

  it('is what buildSemd makes of a kind 42 record', () => {
    expect(buildSemd(minimalAmbulatoryCase(), fixedIdentity)).toMatchObject({ kind: '42', title: 'Эпикриз по законченному случаю амбулаторный' });
  });

  it('refuses a record without the case with DOCUMENT_DATA_MISSING', () => {
    const record = minimalAmbulatoryCase();
    delete record.ambulatoryCase;
    expect(() => buildAmbulatoryEpicrisis42(record, fixedIdentity)).toThrow(expect.objectContaining({ code: 'DOCUMENT_DATA_MISSING' }));
  });

  it('a main diagnosis whose 1077 kind is not code 1 breaks rule У3-6, pointed at the case', async () => {
    const record = minimalAmbulatoryCase();
    record.ambulatoryCase!.diagnosisKinds.main = { ...record.ambulatoryCase!.diagnosisKinds.main!, code: '2' };
    const result = await checkSemd(buildAmbulatoryEpicrisis42(record, fixedIdentity), '42');
    expect(result.ok).toBe(false);
    expect(result.schematron).toContainEqual(expect.objectContaining({ ruleId: 'У3-6', path: 'ambulatoryCase' }));
  });

  it('a visit place from another dictionary breaks rule У3-14, pointed at the visits', async () => {
    const record = minimalAmbulatoryCase();
    record.ambulatoryCase!.visits[0]!.place = { ...record.ambulatoryCase!.visits[0]!.place, codeSystem: '1.2.643.5.1.13.13.11.1009' };
    const result = await checkSemd(buildAmbulatoryEpicrisis42(record, fixedIdentity), '42');
    expect(result.schematron).toContainEqual(expect.objectContaining({ ruleId: 'У3-14', path: 'ambulatoryCase.visits' }));
  });

  it('an open case (no closing date) breaks rule У1-50, pointed at the closing date', async () => {
    const record = minimalAmbulatoryCase();
    delete record.encounter.closeDate;
    const result = await checkSemd(buildAmbulatoryEpicrisis42(record, fixedIdentity), '42');
    expect(result.schematron).toContainEqual(expect.objectContaining({ ruleId: 'У1-50', path: 'encounter.closeDate' }));
  });
});

describe('ambulatory case rules', () => {
  it('a kind 42 record needs the case, and the case must be closed', () => {
    const record = minimalAmbulatoryCase();
    delete record.ambulatoryCase;
    expect(validateRecord(record, { now })).toContainEqual(expect.objectContaining({ path: 'ambulatoryCase', code: 'VALIDATION_CASE_REQUIRED' }));
    const open = minimalAmbulatoryCase();
    delete open.encounter.closeDate;
    expect(validateRecord(open, { now })).toContainEqual(expect.objectContaining({ path: 'encounter.closeDate', code: 'VALIDATION_CASE_NOT_CLOSED' }));
  });

  it('each coded value comes whole from its own dictionary', () => {
    const record = maximalAmbulatoryCase();
    const closed = record.ambulatoryCase!;
    closed.visitKind = { ...closed.visitKind, codeSystem: '1.2.643.5.1.13.13.11.1008' };
    closed.visits[0]!.services[0]!.displayName = '';
    closed.diagnosisKinds.main = { ...closed.diagnosisKinds.main!, code: '2' };
    const found = validateRecord(record, { now }).filter((i) => i.path.startsWith('ambulatoryCase')).map((i) => `${i.path} ${i.code}`);
    expect(found).toEqual([
      'ambulatoryCase.visitKind.codeSystem VALIDATION_CODE_SYSTEM_MISMATCH',
      'ambulatoryCase.diagnosisKinds.main.code VALIDATION_MAIN_DIAGNOSIS_KIND',
      'ambulatoryCase.visits.0.services.0.displayName VALIDATION_REQUIRED',
    ]);
  });

  it('every diagnosis role has its kind; visits lie inside the case and give a service', () => {
    const record = maximalAmbulatoryCase();
    const closed = record.ambulatoryCase!;
    delete closed.diagnosisKinds.concomitant;
    closed.visits[0]!.date = '2026-11-19';
    closed.visits[1]!.services = [];
    const found = validateRecord(record, { now }).filter((i) => i.path.startsWith('ambulatoryCase'));
    expect(found.map((i) => `${i.path} ${i.code}`)).toEqual([
      'ambulatoryCase.diagnosisKinds.concomitant VALIDATION_DIAGNOSIS_KIND_MISSING',
      'ambulatoryCase.visits.0.date VALIDATION_CASE_VISIT_OUTSIDE',
      'ambulatoryCase.visits.1.services VALIDATION_VISIT_SERVICES_REQUIRED',
    ]);
    expect(found[1]?.message).toBe('Посещение №1 (2026-11-19) вне периода случая (2026-11-20 — 2026-11-26)');
  });

  it('a visit\'s own doctor is checked as the record\'s is, under the visit', () => {
    const record = maximalAmbulatoryCase();
    record.ambulatoryCase!.visits[1]!.practitioner = { snils: '12345678900', lastName: 'Сидоров', firstName: '', positionCode: '999999' };
    const found = validateRecord(record, { now }).filter((i) => i.path.startsWith('ambulatoryCase'));
    expect(found.map((i) => `${i.path} ${i.code}`)).toEqual([
      'ambulatoryCase.visits.1.practitioner.snils VALIDATION_PRACTITIONER_SNILS_CHECKSUM',
      'ambulatoryCase.visits.1.practitioner.firstName VALIDATION_REQUIRED',
      'ambulatoryCase.visits.1.practitioner.positionCode VALIDATION_POSITION_UNKNOWN',
    ]);
    expect(found[1]?.message).toBe('Заполните поле «Имя врача (посещение №2)»');
  });

  it('a case without visits is refused', () => {
    const record = minimalAmbulatoryCase();
    record.ambulatoryCase!.visits = [];
    expect(validateRecord(record, { now })).toContainEqual(expect.objectContaining({ path: 'ambulatoryCase.visits', code: 'VALIDATION_CASE_VISITS_REQUIRED' }));
  });

  it('reads whatever a page scraped without throwing', () => {
    const junk: unknown[] = [{ visits: [null, 1, { services: 'x', place: null, date: 5 }], diagnosisKinds: 5, drugs: 'y', visitKind: 'z' }, { visits: 'no', diagnosisKinds: { main: null } }, 7, null, []];
    for (const ambulatoryCase of junk) {
      const issues = validateRecord({ ambulatoryCase, document: { kind: '42' }, encounter: { diagnoses: [null, { role: 'weird' }] } } as never, { now });
      expect(issues).toContainEqual(expect.objectContaining({ path: 'ambulatoryCase.visitKind', code: 'VALIDATION_REQUIRED' }));
    }
  });
});
