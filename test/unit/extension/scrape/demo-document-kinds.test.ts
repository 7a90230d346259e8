/**
 * The demo MIS's referral (185) and closed-case (42) pages, read with their
 * built-in profiles: the record they give, live validation in the page
 * (Russian messages on the new fields), and — completed by the demo agent's
 * clinic and care facts — a SEMD that passes the official XSD and Schematron.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { demoCareFacts, demoDoctor, demoOrganization } from '../../../../agent/demo/demo-clinic.ts';
import { completeRecord } from '../../../../agent/jobs/record-completion.ts';
import { recordCareFacts } from '../../../../agent/semd/care-facts.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import type { ClinicalRecord, DraftRecord } from '../../../../shared/domain/record.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';
import { markState, pageIssues } from '../../../../extension/overlay/field-state.ts';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { matchProfile } from '../../../../extension/scrape/match-profile.ts';
import { scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';

const now = new Date('2026-11-26T12:00:00+03:00');
const clinic = { organization: demoOrganization, staff: [demoDoctor], careFacts: demoCareFacts };

/**
 * A saved demo page without its stylesheet and scripts; the dates its script would fill are set here.
 * A happy-dom window of its own, in a Node test: the SEMD checks read their schemas through Node's URL.
 */
function demoPage(name: string, dates: Record<string, string>): Document {
  const html = readFileSync(resolve(import.meta.dirname, `../../../../agent/demo/mis/${name}`), 'utf8')
    .replace(/<link[^>]*>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '');
  const doc = new new Window().DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  // happy-dom's parser leaves the first option of a select chosen whatever is marked `selected`; a browser does not.
  for (const option of doc.querySelectorAll<HTMLOptionElement>('option[selected]')) option.selected = true;
  for (const [id, value] of Object.entries(dates)) doc.querySelector<HTMLInputElement>(id)!.value = value;
  return doc;
}

const profileFor = (path: string) => matchProfile(`http://127.0.0.1:17346/demo/${path}`, builtinProfiles)!;
const errors = (record: DraftRecord, profile = profileFor('case.html')) =>
  pageIssues(validateRecord(record, { now }), profile).filter((issue) => issue.severity === 'error');

async function agentCheck(record: DraftRecord) {
  const completed = completeRecord(record, clinic, now) as ClinicalRecord;
  expect(validateRecord(completed, { now }).filter((i) => i.severity === 'error')).toEqual([]);
  const semd = buildSemd(completed, { localUid: completed.document.localUid!, setId: completed.document.localUid!, versionNumber: 1 }, recordCareFacts(completed, demoCareFacts));
  return { semd, check: await checkSemd(semd.xml, semd.kind) };
}

describe('the referral page (185)', () => {
  const page = () => demoPage('referral.html', { '#f_visit': '26.11.2026' });
  const profile = profileFor('referral.html');

  it('is read into a referral: the MIS’s organization list gives the OID and name, its consultation list an NSI 1070 service', () => {
    const { record } = scrapeRecord(page(), profile);
    expect(record.document).toEqual({ kind: '185' });
    expect(record.referral).toEqual({
      organization: { oid: '1.2.643.5.1.13.13.12.2.77.7702', name: 'ГБУЗ «Городская поликлиника № 2»' },
      service: { code: 'B01.015.001', codeSystem: '1.2.643.5.1.13.13.11.1070', codeSystemVersion: '2.14', codeSystemName: 'Номенклатура медицинских услуг', displayName: 'Прием (осмотр, консультация) врача-кардиолога первичный' },
      comment: 'ЭКГ от текущей даты прилагается',
    });
    expect(record.patient?.address).toBe('г. Москва, ул. Тверская, д. 7, кв. 12');
    expect(errors(record, profile)).toEqual([]);
  });

  it('marks an unchosen destination and service in Russian', () => {
    const doc = page();
    doc.querySelector<HTMLSelectElement>('#f_lpu')!.value = '';
    doc.querySelector<HTMLSelectElement>('#f_usl')!.value = '';
    const { record } = scrapeRecord(doc, profile);
    const found = errors(record, profile);
    expect(found.map((i) => [i.path, i.message])).toEqual(expect.arrayContaining([
      ['referral.organization.oid', 'Заполните поле «Куда направлен (OID организации)»'],
      ['referral.service', 'Заполните поле «Услуга, на которую направлен пациент»'],
    ]));
    expect(markState('referral.service', found, record)).toBe('error');
  });

  it('with the demo clinic builds a 185 that passes its XSD and Schematron', async () => {
    const { semd, check } = await agentCheck(scrapeRecord(page(), profile).record);
    expect(semd.kind).toBe('185');
    expect(semd.xml).toContain('1.2.643.5.1.13.13.12.2.77.7702');
    expect(check.issues).toEqual([]);
  });
});

describe('the closed-case page (42)', () => {
  const dates = { '#f_open': '19.11.2026', '#v1_date': '19.11.2026', '#f_close': '26.11.2026', '#v2_date': '26.11.2026' };
  const profile = profileFor('case.html');

  it('is read into a case: period, result and outcome from the MIS’s lists, the visits’ rows, the final-diagnosis stage the form fixes', () => {
    const { record } = scrapeRecord(demoPage('case.html', dates), profile);
    expect(record.document).toEqual({ kind: '42' });
    expect(record.encounter).toMatchObject({ caseId: 'ТАП-2026-004417', openDate: '2026-11-19', closeDate: '2026-11-26', visitDate: '2026-11-26' });
    const closed = record.ambulatoryCase!;
    expect([closed.result?.code, closed.outcome?.code, closed.diagnosisStage?.displayName]).toEqual(['1', '1', 'Заключительный']);
    expect(closed.visits?.map((v) => [v.date, v.services?.[0]?.code])).toEqual([['2026-11-19', 'B01.047.001'], ['2026-11-26', 'B01.047.002']]);
    // What the clinic settles once (visit kind, payment, kinds of diagnosis, place) is the agent's, not the page's.
    expect(closed.visitKind).toBeUndefined();
    expect(errors(record, profile)).toEqual([]);
  });

  it('marks a visit outside the case and a service the profile cannot code, in Russian', () => {
    const doc = demoPage('case.html', { ...dates, '#v2_date': '27.11.2026' });
    const other = doc.createElement('option');
    other.value = 'T99';
    other.textContent = 'Приём фельдшера';
    doc.querySelector('#v1_usl')!.append(other);
    doc.querySelector<HTMLSelectElement>('#v1_usl')!.value = 'T99';
    const { record } = scrapeRecord(doc, profile);
    const found = errors(record, profile);
    expect(found.map((i) => [i.path, i.message])).toEqual(expect.arrayContaining([
      ['ambulatoryCase.visits.1.date', expect.stringContaining('Посещение №2 (2026-11-27) вне периода случая')],
      ['ambulatoryCase.visits.0.services.0.displayName', 'Заполните поле «Услуга №1 посещения №1: наименование»'],
    ]));
    expect(markState('ambulatoryCase.visits.0.services.0', found, record)).toBe('error');
  });

  it('with the demo clinic’s care facts builds a 42 that passes its XSD and Schematron', async () => {
    const { semd, check } = await agentCheck(scrapeRecord(demoPage('case.html', dates), profile).record);
    expect(semd.kind).toBe('42');
    expect(check.issues).toEqual([]);
    expect(check.ok).toBe(true);
  });
});
