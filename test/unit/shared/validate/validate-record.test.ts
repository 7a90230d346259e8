import { describe, expect, it } from 'vitest';
import type { ClinicalRecord, DraftRecord } from '../../../../shared/domain/record.ts';
import { validateField, validateRecord } from '../../../../shared/validate/validate-record.ts';
import { RULES } from '../../../../shared/validate/rule-catalogue.ts';
import { NOW, sampleRecord } from './sample-record.ts';

type Edit = (r: ClinicalRecord) => void;
const edit = (change: Edit): DraftRecord => {
  const r = sampleRecord();
  change(r);
  return r;
};
const codesAt = (record: DraftRecord, path: string) =>
  validateRecord(record, { now: NOW })
    .filter((i) => i.path === path)
    .map((i) => i.code);

describe('validateRecord', () => {
  it('finds nothing in a sound record', () => {
    expect(validateRecord(sampleRecord(), { now: NOW })).toEqual([]);
  });

  it.each<[string, Edit, string, string]>([
    ['patient SNILS missing', (r) => (r.patient.snils = ''), 'patient.snils', 'VALIDATION_PATIENT_SNILS_REQUIRED'],
    ['patient SNILS mistyped', (r) => (r.patient.snils = '15642781868'), 'patient.snils', 'VALIDATION_PATIENT_SNILS_CHECKSUM'],
    ['patient SNILS too short', (r) => (r.patient.snils = '156-427-818'), 'patient.snils', 'VALIDATION_SNILS_FORMAT'],
    ['patient SNILS with letters', (r) => (r.patient.snils = '156-427-818 8б'), 'patient.snils', 'VALIDATION_SNILS_FORMAT'],
    ['doctor SNILS mistyped', (r) => (r.practitioner.snils = '11223344559'), 'practitioner.snils', 'VALIDATION_PRACTITIONER_SNILS_CHECKSUM'],
    ['doctor SNILS missing', (r) => (r.practitioner.snils = ' '), 'practitioner.snils', 'VALIDATION_PRACTITIONER_SNILS_REQUIRED'],
    ['surname missing', (r) => (r.patient.lastName = ''), 'patient.lastName', 'VALIDATION_PATIENT_LAST_NAME_REQUIRED'],
    ['first name missing', (r) => (r.patient.firstName = ''), 'patient.firstName', 'VALIDATION_PATIENT_FIRST_NAME_REQUIRED'],
    ['doctor surname missing', (r) => (r.practitioner.lastName = ''), 'practitioner.lastName', 'VALIDATION_REQUIRED'],
    ['gender unknown', (r) => ((r.patient as { gender: string }).gender = 'М'), 'patient.gender', 'VALIDATION_GENDER'],
    ['birth date as DD.MM.YYYY', (r) => (r.patient.birthDate = '14.05.1980'), 'patient.birthDate', 'VALIDATION_DATE_FORMAT'],
    ['birth date 30 February', (r) => (r.patient.birthDate = '1980-02-30'), 'patient.birthDate', 'VALIDATION_DATE_FORMAT'],
    ['birth date tomorrow', (r) => (r.patient.birthDate = '2026-11-27'), 'patient.birthDate', 'VALIDATION_BIRTH_DATE_FUTURE'],
    ['born 131 years ago', (r) => (r.patient.birthDate = '1895-11-25'), 'patient.birthDate', 'VALIDATION_BIRTH_DATE_TOO_OLD'],
    ['visit tomorrow', (r) => (r.encounter.visitDate = '2026-11-27'), 'encounter.visitDate', 'VALIDATION_DATE_FUTURE'],
    ['visit before birth', (r) => (r.encounter.visitDate = '1979-01-10'), 'encounter.visitDate', 'VALIDATION_DATE_BEFORE_BIRTH'],
    ['visit date missing', (r) => (r.encounter.visitDate = ''), 'encounter.visitDate', 'VALIDATION_REQUIRED'],
    ['case closed before open', (r) => (r.encounter.closeDate = '2026-11-19'), 'encounter.closeDate', 'VALIDATION_CASE_CLOSED_BEFORE_OPEN'],
    ['visit before the case opened', (r) => (r.encounter.visitDate = '2026-11-19'), 'encounter.visitDate', 'VALIDATION_VISIT_OUTSIDE_CASE'],
    ['conclusion empty', (r) => (r.encounter.conclusion = '  '), 'encounter.conclusion', 'VALIDATION_REQUIRED'],
    ['no diagnoses', (r) => (r.encounter.diagnoses = []), 'encounter.diagnoses', 'VALIDATION_DIAGNOSIS_REQUIRED'],
    ['no main diagnosis', (r) => (r.encounter.diagnoses[0]!.role = 'concomitant'), 'encounter.diagnoses', 'VALIDATION_DIAGNOSIS_MAIN_MISSING'],
    ['two main diagnoses', (r) => (r.encounter.diagnoses[1]!.role = 'main'), 'encounter.diagnoses.1.role', 'VALIDATION_DIAGNOSIS_MAIN_DUPLICATE'],
    ['unknown role', (r) => ((r.encounter.diagnoses[1] as { role: string }).role = 'secondary'), 'encounter.diagnoses.1.role', 'VALIDATION_DIAGNOSIS_ROLE'],
    ['МКБ code with a comma', (r) => (r.encounter.diagnoses[0]!.code = 'J06,9'), 'encounter.diagnoses.0.code', 'VALIDATION_MKB_FORMAT'],
    ['МКБ code in Cyrillic', (r) => (r.encounter.diagnoses[1]!.code = 'А09'), 'encounter.diagnoses.1.code', 'VALIDATION_MKB_FORMAT'],
    ['МКБ code that does not exist', (r) => (r.encounter.diagnoses[0]!.code = 'J06.7'), 'encounter.diagnoses.0.code', 'VALIDATION_MKB_UNKNOWN'],
    ['МКБ rubric with subcodes', (r) => (r.encounter.diagnoses[0]!.code = 'J06'), 'encounter.diagnoses.0.code', 'VALIDATION_MKB_NOT_LEAF'],
    ['the same code twice', (r) => (r.encounter.diagnoses[1]!.code = 'J06.9'), 'encounter.diagnoses.1.code', 'VALIDATION_DIAGNOSIS_DUPLICATE'],
    ['delivery for a man', (r) => (r.encounter.diagnoses[1]!.code = 'O80.0'), 'encounter.diagnoses.1.code', 'VALIDATION_MKB_SEX'],
    ['prostate for a woman', (r) => ((r.patient.gender = 'female'), (r.patient.middleName = 'Сергеевна'), (r.patient.lastName = 'Петрова'), (r.encounter.diagnoses[1]!.code = 'N40')), 'encounter.diagnoses.1.code', 'VALIDATION_MKB_SEX_LIKELY'],
    ['perinatal code for an adult', (r) => (r.encounter.diagnoses[1]!.code = 'P07.3'), 'encounter.diagnoses.1.code', 'VALIDATION_MKB_AGE'],
    ['document kind missing', (r) => (r.document.kind = ''), 'document.kind', 'VALIDATION_REQUIRED'],
    ['document kind unknown', (r) => (r.document.kind = '99999'), 'document.kind', 'VALIDATION_DOCUMENT_KIND_UNKNOWN'],
    ['kind no longer registered', (r) => (r.document.kind = '8'), 'document.kind', 'VALIDATION_DOCUMENT_KIND_NOT_ON_DATE'],
    ['createdAt without zone', (r) => (r.document.createdAt = '2026-11-25T10:15:00'), 'document.createdAt', 'VALIDATION_DATETIME_NO_TIMEZONE'],
    ['createdAt as a plain date', (r) => (r.document.createdAt = '25.11.2026 10:15'), 'document.createdAt', 'VALIDATION_DATETIME_FORMAT'],
    ['createdAt in an hour', (r) => (r.document.createdAt = '2026-11-26T13:00:00+03:00'), 'document.createdAt', 'VALIDATION_DATE_FUTURE'],
    ['document before the visit', (r) => (r.document.createdAt = '2026-11-24T09:00:00+03:00'), 'document.createdAt', 'VALIDATION_DOCUMENT_BEFORE_VISIT'],
    ['ЕНП mistyped', (r) => (r.patient.enp = '8451999122899991'), 'patient.enp', 'VALIDATION_ENP_CHECKSUM'],
    ['ЕНП too short', (r) => (r.patient.enp = '845199912289999'), 'patient.enp', 'VALIDATION_ENP_FORMAT'],
    ['passport issued before birth', (r) => (r.patient.identityDocument = { type: '1', series: '4510', number: '123456', issueDate: '1975-01-01' }), 'patient.identityDocument.issueDate', 'VALIDATION_DATE_BEFORE_BIRTH'],
    ['Latin o in the surname', (r) => (r.patient.lastName = 'Петрoв'), 'patient.lastName', 'VALIDATION_NAME_LATIN_LOOKALIKE'],
    ['surname in capitals', (r) => (r.practitioner.lastName = 'ИВАНОВА'), 'practitioner.lastName', 'VALIDATION_NAME_CASE'],
    ['female patronymic for a man', (r) => (r.patient.middleName = 'Сергеевна'), 'patient.middleName', 'VALIDATION_SEX_PATRONYMIC_MISMATCH'],
    ['female surname for a man', (r) => (r.patient.lastName = 'Петрова'), 'patient.lastName', 'VALIDATION_SEX_SURNAME_MISMATCH'],
    ['organization OID of a department', (r) => (r.organization.oid = '1.2.643.5.1.13.13.12.2.77.7701.0.100001'), 'organization.oid', 'VALIDATION_ORGANIZATION_OID_FORMAT'],
    ['department of another clinic', (r) => (r.organization.departmentOid = '1.2.643.5.1.13.13.12.2.77.7702.0.1'), 'organization.departmentOid', 'VALIDATION_DEPARTMENT_OID_FORMAT'],
    ['no department', (r) => delete r.organization.departmentOid, 'organization.departmentOid', 'VALIDATION_DEPARTMENT_MISSING'],
    ['INN mistyped', (r) => (r.organization.inn = '7701000002'), 'organization.inn', 'VALIDATION_INN_CHECKSUM'],
    ['INN of 11 digits', (r) => (r.organization.inn = '77010000011'), 'organization.inn', 'VALIDATION_INN_FORMAT'],
    ['OGRN mistyped', (r) => (r.organization.ogrn = '1027700000018'), 'organization.ogrn', 'VALIDATION_OGRN_CHECKSUM'],
    ['OGRN with a letter', (r) => (r.organization.ogrn = '102770000001O'), 'organization.ogrn', 'VALIDATION_OGRN_FORMAT'],
    ['KPP in lower case', (r) => Object.assign(r.organization, { kpp: '7701ab001' }), 'organization.kpp', 'VALIDATION_KPP_FORMAT'],
    ['unknown position', (r) => (r.practitioner.positionCode = '9999'), 'practitioner.positionCode', 'VALIDATION_POSITION_UNKNOWN'],
    ['grouping entry as a position', (r) => (r.practitioner.positionCode = '566'), 'practitioner.positionCode', 'VALIDATION_POSITION_UNKNOWN'],
    ['withdrawn position', (r) => (r.practitioner.positionCode = '234'), 'practitioner.positionCode', 'VALIDATION_POSITION_NOT_ACTUAL'],
    ['no position', (r) => delete r.practitioner.positionCode, 'practitioner.positionCode', 'VALIDATION_POSITION_MISSING'],
    ['unknown specialty', (r) => (r.practitioner.specialtyCode = '9999'), 'practitioner.specialtyCode', 'VALIDATION_SPECIALTY_UNKNOWN'],
    ['abolished specialty', (r) => (r.practitioner.specialtyCode = '150'), 'practitioner.specialtyCode', 'VALIDATION_SPECIALTY_NOT_ACTUAL'],
    ['doctor aged 10', (r) => (r.practitioner.birthDate = '2016-01-01'), 'practitioner.birthDate', 'VALIDATION_PRACTITIONER_AGE'],
    ['withdrawn МКБ code', (r) => (r.encounter.diagnoses[1]!.code = 'U09.0'), 'encounter.diagnoses.1.code', 'VALIDATION_MKB_NOT_ACTUAL'],
    ['pregnancy at 70', (r) => ((r.patient.gender = 'female'), (r.patient.lastName = 'Петрова'), (r.patient.middleName = 'Сергеевна'), (r.patient.birthDate = '1955-01-01'), (r.encounter.diagnoses[1]!.code = 'O80.0')), 'encounter.diagnoses.1.code', 'VALIDATION_MKB_AGE'],
    ['asterisk code as the main diagnosis', (r) => (r.encounter.diagnoses[0]!.code = 'G63.2'), 'encounter.diagnoses.0.code', 'VALIDATION_MKB_ASTERISK_MAIN'],
    ['passport series of 3 digits', (r) => (r.patient.identityDocument = { type: '1', series: '451', number: '123456' }), 'patient.identityDocument.series', 'VALIDATION_PASSPORT_SERIES'],
    ['passport number with a letter', (r) => (r.patient.identityDocument = { type: '1', series: '45 10', number: '12345б' }), 'patient.identityDocument.number', 'VALIDATION_PASSPORT_NUMBER'],
    ['passport without series', (r) => (r.patient.identityDocument = { type: '1', number: '123456' }), 'patient.identityDocument.series', 'VALIDATION_REQUIRED'],
    ['passport issued at 10', (r) => (r.patient.identityDocument = { type: '1', series: '4510', number: '123456', issueDate: '1990-06-01' }), 'patient.identityDocument.issueDate', 'VALIDATION_PASSPORT_ISSUED_TOO_EARLY'],
    ['patient phone too short', (r) => (r.patient.phone = '123-45'), 'patient.phone', 'VALIDATION_PHONE_FORMAT'],
    ['clinic phone with letters', (r) => (r.organization.phone = '+7 495 CALL-NOW'), 'organization.phone', 'VALIDATION_PHONE_FORMAT'],
    ['document id not a UUID', (r) => (r.document.localUid = 'doc-42'), 'document.localUid', 'VALIDATION_UUID_FORMAT'],
  ])('%s', (_name, change, path, code) => {
    expect(codesAt(edit(change), path)).toContain(code);
  });

  it.each(['+7 (495) 123-45-67', '8 912 345 67 89', '+74951234567'])('accepts the phone %s', (phone) => {
    expect(codesAt(edit((r) => (r.patient.phone = phone)), 'patient.phone')).toEqual([]);
  });

  it.each<[string, Edit, string, string]>([
    ['position as text', (r) => (r.practitioner.positionCode = 'Врач-терапевт'), 'practitioner.positionCode', 'Похоже, это «Врач-терапевт»: укажите код 109'],
    ['specialty as text', (r) => (r.practitioner.specialtyCode = 'терапия'), 'practitioner.specialtyCode', 'Похоже, это «Терапия»: укажите код 27'],
    ['kind as text', (r) => (r.document.kind = 'Протокол консультации (CDA) Редакция 4'), 'document.kind', 'Похоже, это «Протокол консультации (CDA) Редакция 4»: укажите код 119'],
    ['gender as text', (r) => ((r.patient as { gender: string }).gender = 'Муж.'), 'patient.gender', 'Похоже, это мужской пол: передайте значение male'],
    ['diagnosis as text', (r) => (r.encounter.diagnoses[1]!.code = 'Эссенциальная [первичная] гипертензия'), 'encounter.diagnoses.1.code', 'Возможно, имелось в виду I10'],
  ])('when a code field holds the display text (%s), the hint gives the code', (_name, change, path, hint) => {
    const issues = validateRecord(edit(change), { now: NOW }).filter((i) => i.path === path);
    expect(issues.map((i) => i.hint)).toEqual([hint]);
  });

  it('gives no hint when the text matches nothing', () => {
    const issues = validateRecord(edit((r) => (r.practitioner.positionCode = 'Шаман')), { now: NOW });
    expect(issues.find((i) => i.path === 'practitioner.positionCode')?.hint).toBeUndefined();
  });

  it('takes SNILS with separators as written on the card', () => {
    expect(codesAt(edit((r) => (r.patient.snils = '156-427-818 86')), 'patient.snils')).toEqual([]);
  });

  it('does not insist on the patient SNILS when the kind does not require it', () => {
    // Kind 40: patient data «Обязательны», without SNILS (NSI 1520).
    const record = edit((r) => ((r.patient.snils = ''), (r.document.kind = '40')));
    expect(codesAt(record, 'patient.snils')).toEqual([]);
  });

  it('reads anything scraped without throwing', () => {
    const junk = { patient: 'x', encounter: { diagnoses: [null, 5] }, document: [] } as unknown as DraftRecord;
    const issues = validateRecord(junk, { now: NOW });
    expect(issues.map((i) => i.path)).toContain('encounter.diagnoses.0.code');
    expect(validateRecord(null as unknown as DraftRecord).length).toBeGreaterThan(5);
  });

  it('accepts what is fine: a woman with a pregnancy code, a newborn with a perinatal one', () => {
    const woman = edit((r) => {
      Object.assign(r.patient, { gender: 'female', lastName: 'Петрова', middleName: 'Сергеевна', birthDate: '1995-03-01' });
      r.encounter.diagnoses[1]!.code = 'O80.0';
    });
    expect(validateRecord(woman, { now: NOW })).toEqual([]);
    const baby = edit((r) => ((r.patient.birthDate = '2026-06-01'), (r.encounter.diagnoses[1]!.code = 'P07.3')));
    expect(validateRecord(baby, { now: NOW })).toEqual([]);
  });

  it('tells warnings from errors: a sound record with only warnings has no errors', () => {
    const record = edit((r) => (r.patient.lastName = 'ПЕТРОВ'));
    const issues = validateRecord(record, { now: NOW });
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['VALIDATION_NAME_CASE', 'warning']]);
  });

  it('flags a number where text is expected', () => {
    const record = edit((r) => ((r.patient as unknown as { lastName: number }).lastName = 42));
    expect(codesAt(record, 'patient.lastName')).toEqual(['VALIDATION_NOT_TEXT']);
  });

  it('uses only catalogue codes and fills every placeholder', () => {
    const broken = edit((r) => {
      r.patient.snils = '1';
      r.patient.birthDate = '2027-01-01';
      r.encounter.diagnoses = [{ code: 'J06', role: 'main' }, { code: 'O80.0', role: 'main' }];
      r.document.kind = '8';
    });
    const issues = validateRecord(broken, { now: NOW });
    expect(issues.length).toBeGreaterThan(4);
    for (const issue of issues) {
      expect(Object.keys(RULES)).toContain(issue.code);
      expect(issue.message).not.toMatch(/\{\w+\}/);
      expect(issue.hint ?? '').not.toMatch(/\{\w+\}/);
    }
  });
});

describe('validateField', () => {
  it.each([
    ['patient.snils', (r: ClinicalRecord) => (r.patient.snils = '15642781868')],
    ['encounter.diagnoses.0.code', (r: ClinicalRecord) => (r.encounter.diagnoses[0]!.code = 'J06')],
    ['document.kind', (r: ClinicalRecord) => (r.document.kind = '')],
  ])('returns exactly the issues of %s', (path, change) => {
    const record = edit((r) => {
      change(r);
      r.practitioner.snils = ''; // an unrelated error that must not leak in
    });
    const expected = validateRecord(record, { now: NOW }).filter((i) => i.path === path);
    expect(expected.length).toBeGreaterThan(0);
    expect(validateField(path, record, { now: NOW })).toEqual(expected);
  });

  it('is empty for a sound field', () => {
    expect(validateField('patient.snils', sampleRecord(), { now: NOW })).toEqual([]);
  });
});
