// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { applyRule, scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';

// The saved page without its stylesheet link and script, which happy-dom would try to fetch.
const page = readFileSync(resolve(import.meta.dirname, '../../../../agent/demo/mis/consultation.html'), 'utf8')
  .replace(/<link[^>]*>/g, '')
  .replace(/<script[\s\S]*?<\/script>/g, '');
const profile = builtinProfiles[0]!;

let doc: Document;
function input(selector: string): HTMLInputElement {
  return doc.querySelector<HTMLInputElement>(selector)!;
}

describe('scrapeRecord on the saved demo MIS page', () => {
  beforeEach(() => {
    doc = new DOMParser().parseFromString(page, 'text/html');
    input('#f_visit').value = '26.11.2026';
  });

  it('reads every field into the record, normalised', () => {
    const { record } = scrapeRecord(doc, profile);
    expect(record).toEqual({
      patient: {
        snils: '15642781886',
        lastName: 'Петров',
        firstName: 'Иван',
        middleName: 'Сергеевич',
        birthDate: '1980-05-14',
        gender: 'male',
      },
      practitioner: { lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна', snils: '11223344595' },
      encounter: {
        visitDate: '2026-11-26',
        diagnoses: [{ code: 'J06.9', role: 'main', text: 'Острая инфекция верхних дыхательных путей неуточненная' }],
        conclusion: expect.stringMatching(/^Жалобы на насморк.*через 5 дней\.$/),
      },
      document: { kind: '119' },
    });
  });

  it('binds each marked path to its element, and the header FIO to all three practitioner names', () => {
    const { fields } = scrapeRecord(doc, profile);
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f.element.id]));
    expect(byPath).toEqual({
      'patient.snils': 'f_snils',
      'patient.lastName': 'f_fam',
      'patient.firstName': 'f_im',
      'patient.middleName': 'f_ot',
      'patient.birthDate': 'f_dr',
      'patient.gender': 'f_pol',
      'encounter.visitDate': 'f_visit',
      'encounter.diagnoses.0.code': 'f_mkb',
      'encounter.conclusion': 'f_concl',
      'practitioner.lastName': 'hdr-user-fio',
      'practitioner.firstName': 'hdr-user-fio',
      'practitioner.middleName': 'hdr-user-fio',
      'practitioner.snils': 'hdr-user-snils',
    });
  });

  it('maps the selected sex option 2 to female and an empty choice to a missing value', () => {
    const select = doc.querySelector<HTMLSelectElement>('#f_pol')!;
    select.value = '2';
    expect(scrapeRecord(doc, profile).record.patient?.gender).toBe('female');
    select.value = '';
    expect(scrapeRecord(doc, profile).record.patient).not.toHaveProperty('gender');
  });

  it('re-reads one edited field without touching the others', () => {
    const { record, fields } = scrapeRecord(doc, profile);
    const snils = fields.find((f) => f.path === 'patient.snils')!;
    input('#f_snils').value = '156 427 818 87';
    applyRule(record, snils);
    expect(record.patient?.snils).toBe('15642781887');
    expect(record.patient?.lastName).toBe('Петров');
  });

  it('passes a date it cannot parse on as typed, and drops a blank middle name', () => {
    input('#f_dr').value = '14/05/1980';
    input('#f_ot').value = '   ';
    const { record } = scrapeRecord(doc, profile);
    expect(record.patient?.birthDate).toBe('14/05/1980');
    expect(record.patient).not.toHaveProperty('middleName');
  });

  it('leaves fields the page lacks out of the record and unbound', () => {
    doc.querySelector('#top')!.remove();
    const { record, fields } = scrapeRecord(doc, profile);
    expect(record.practitioner).toBeUndefined();
    expect(fields.some((f) => f.path.startsWith('practitioner.'))).toBe(false);
  });

  it('never changes the page inputs', () => {
    scrapeRecord(doc, profile);
    expect(input('#f_snils').value).toBe('156-427-818 86');
    expect(input('#f_dr').value).toBe('14.05.1980');
  });
});
