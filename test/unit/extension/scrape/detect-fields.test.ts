// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileErrors } from '../../../../extension/scrape/check-profile.ts';
import { detectFields, mayHoldPatientForm } from '../../../../extension/scrape/detect-fields.ts';
import { scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';

const address = new URL('http://mis.local/visit');
const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
/** A page of the repository (a test fixture, or the demo MIS the agent serves), without its scripts. */
const page = (path: string): Document =>
  parse(readFileSync(resolve(import.meta.dirname, '../../../..', path), 'utf8').replace(/<script[\s\S]*?<\/script>/g, ''));
const detectedPaths = (doc: Document): string[] => detectFields([doc], address).profile.fields.flatMap((rule) => rule.paths);

describe('detectFields on inputs labelled only by the text next to them', () => {
  const doc = page('agent/demo/mis/talon.html');
  const detection = detectFields([doc], address);

  it('finds the patient and visit fields, splits «Ф.И.О.» and leaves «Примечание» alone', () => {
    expect(detection.wake).toBe(true);
    expect(detection.profile.fields.map((rule) => rule.paths.join('+'))).toEqual([
      'patient.snils',
      'patient.lastName+patient.firstName+patient.middleName',
      'patient.birthDate',
      'patient.gender',
      'patient.enp',
      'encounter.visitDate',
      'encounter.diagnoses.0.code',
      'encounter.conclusion',
    ]);
  });

  it('gives each field a confidence, and the result is a valid profile that reads the page', () => {
    for (const rule of detection.profile.fields) expect(rule.confidence).toBeGreaterThanOrEqual(0.5);
    expect(profileErrors(detection.profile)).toEqual([]);
    const { record } = scrapeRecord(doc, detection.profile);
    expect(record.patient).toMatchObject({ snils: '15642781886', lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич', birthDate: '1980-05-14', gender: 'male' });
    expect(record.encounter?.diagnoses?.[0]?.code).toBe('J06.9');
    expect(record.encounter?.conclusion).toBe('Состояние удовлетворительное.');
  });
});

describe('label sources and Russian synonyms', () => {
  it.each([
    ['<label for="x">Страховой номер</label><input id="x">', 'patient.snils'],
    ['<label>СНИЛС пациента: <input></label>', 'patient.snils'],
    ['<span id="l">Д.р.</span><input aria-labelledby="l">', 'patient.birthDate'],
    ['<input aria-label="Дата рождения">', 'patient.birthDate'],
    ['<table><tr><td>ЕНП</td><td><input></td></tr></table>', 'patient.enp'],
    ['<table><tr><td>Полис ОМС:</td><td><input></td></tr></table>', 'patient.enp'],
    ['<p>Код диагноза <input></p>', 'encounter.diagnoses.0.code'],
    ['<p>МКБ-10 <input></p>', 'encounter.diagnoses.0.code'],
    ['<p>Дата посещения <input></p>', 'encounter.visitDate'],
    ['<p>Дата приёма* <input></p>', 'encounter.visitDate'],
    ['<p>* Фамилия: <input></p>', 'patient.lastName'],
    ['<p><input placeholder="Фамилия"></p>', 'patient.lastName'],
    ['<fieldset><legend>Пол</legend><select><option>М</option></select></fieldset>', 'patient.gender'],
    ['<label for="d">СНИЛС врача</label><input id="d">', 'practitioner.snils'],
  ])('%s → %s', (html, path) => {
    // The trailing word only lets the cheap pre-check through.
    expect(detectedPaths(parse(`<body>${html}<p>СНИЛС</p></body>`))).toContain(path);
  });

  it('trusts a <label for> more than the text before an input', () => {
    const doc = parse('<body><label for="a">СНИЛС</label><input id="a"><p>Фамилия <input></p></body>');
    const [snils, lastName] = detectFields([doc], address).profile.fields;
    expect(snils!.confidence).toBeGreaterThan(lastName!.confidence!);
  });
});

describe('staying silent', () => {
  it('does no work on a page without patient words', () => {
    const doc = page('test/fixtures/pages/plain/news.html');
    expect(mayHoldPatientForm(doc)).toBe(false);
    expect(detectFields([doc], address)).toMatchObject({ wake: false, profile: { fields: [] } });
  });

  it('does not wake for one lone field, nor without a patient key field', () => {
    expect(detectFields([parse('<body><p>СНИЛС <input></p></body>')], address).wake).toBe(false);
    expect(detectFields([parse('<body><p>Дата посещения <input></p><p>Код диагноза <input></p></body>')], address).wake).toBe(false);
    expect(detectFields([parse('<body><p>СНИЛС <input></p><p>Дата рождения <input></p></body>')], address).wake).toBe(true);
  });
});
