// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { applyRule, scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';
import type { RowGroup, SiteProfile } from '../../../../extension/scrape/site-profile.ts';

const casePage = readFileSync(resolve(import.meta.dirname, '../../../../agent/demo/mis/case.html'), 'utf8');
/** The page's own «Добавить посещение» script, run as the page would run it. */
const addVisit = new Function(`${/function misAddVisit\(\) \{[\s\S]*?\n  \}/.exec(casePage)![0]}; return misAddVisit;`)() as () => void;
const caseProfile = builtinProfiles.find((p) => p.id === 'demo-mis-case')!;

const text = { kind: 'text' } as const;
const profileWith = (...repeat: RowGroup[]): SiteProfile => ({
  id: 't', title: 'Т', match: { host: '*', path: '*' }, fields: [{ paths: ['patient.snils'], find: { selector: '#s' }, read: 'value', format: { kind: 'snils' } }],
  repeat, constants: {}, agentCompleted: [],
});

describe('the demo closed-case page: visits as table rows', () => {
  beforeEach(() => {
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(casePage)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
  });

  it('reads every row into its own visit and marks each cell in its row', () => {
    addVisit();
    const row3 = document.querySelector('#visitRows')!.lastElementChild!;
    row3.querySelector<HTMLInputElement>('input[name=pos_date_3]')!.value = '25.11.2026';
    row3.querySelector<HTMLSelectElement>('select')!.value = 'T02';
    row3.querySelector<HTMLInputElement>('input[name=pos_text_3]')!.value = 'Контрольный осмотр.';
    const { record, fields } = scrapeRecord(document, caseProfile);
    expect(record.ambulatoryCase?.visits).toHaveLength(3);
    expect(record.ambulatoryCase?.visits?.[2]).toMatchObject({ date: '2026-11-25', conclusion: 'Контрольный осмотр.', services: [{ code: 'B01.047.002' }] });
    expect(record.ambulatoryCase?.visits?.[0]).toMatchObject({ conclusion: 'ОРВИ, лёгкое течение. Симптоматическое лечение.', services: [{ code: 'B01.047.001' }] });
    const bound = (path: string) => fields.find((f) => f.path === path)?.element;
    expect(bound('ambulatoryCase.visits.2.date')).toBe(row3.querySelector('input[name=pos_date_3]'));
    expect(bound('ambulatoryCase.visits.1.services.0')).toBe(document.querySelector('#v2_usl'));
    expect(bound('ambulatoryCase.visits.0.conclusion')).toBe(document.querySelector('#v1_text'));
    expect(fields.some((f) => f.path.startsWith('ambulatoryCase.visits.3'))).toBe(false);
  });

  it('re-reads an edited cell into its own row', () => {
    const { record, fields } = scrapeRecord(document, caseProfile);
    const cell = fields.find((f) => f.path === 'ambulatoryCase.visits.1.conclusion')!;
    (cell.element as HTMLInputElement).value = 'Здоров.';
    applyRule(record, cell);
    expect(record.ambulatoryCase?.visits?.map((v) => v.conclusion)).toEqual(['ОРВИ, лёгкое течение. Симптоматическое лечение.', 'Здоров.']);
  });

  it('gives no visit at all when the table has no rows', () => {
    document.querySelector('#visitRows')!.innerHTML = '';
    expect(scrapeRecord(document, caseProfile).record.ambulatoryCase?.visits).toBeUndefined();
  });
});

describe('row locators', () => {
  it('skips the header and totals rows, and finds a column past a spanning cell', () => {
    document.body.innerHTML = `<table id="t"><tr><th colspan="2">Услуга</th><th>Кол-во</th></tr>
      <tr><td>A01</td><td>Осмотр</td><td><input value="2"></td></tr>
      <tr><td>A02</td><td>Анализ</td><td><input value="1"></td></tr>
      <tr><td colspan="3">Итого: 3</td></tr></table>`;
    const group: RowGroup = { rows: { selector: '#t tr' }, fields: [{ paths: ['items.*.count'], find: { column: 'Кол-во' }, read: 'value', format: text }] };
    expect(scrapeRecord(document, profileWith(group)).record).toEqual({ items: [{ count: '2' }, { count: '1' }] });
  });

  it('reads a text cell of an ARIA grid (as ExtJS renders one) by its column header', () => {
    document.body.innerHTML = `<div role="grid"><div role="row"><span role="columnheader">Дата</span><span role="columnheader">Врач</span></div>
      <div class="x-grid-item" role="row"><span role="gridcell"><div class="x-grid-cell-inner">01.11.2026</div></span><span role="gridcell">Иванова</span></div>
      <div class="x-grid-item" role="row"><span role="gridcell"><div class="x-grid-cell-inner">08.11.2026</div></span><span role="gridcell">Петров</span></div></div>`;
    const group: RowGroup = {
      rows: { selector: '.x-grid-item' },
      fields: [{ paths: ['ambulatoryCase.visits.*.date'], find: { column: 'Дата' }, read: 'text', format: { kind: 'date', pattern: 'dd.mm.yyyy' } }],
    };
    const { record, fields } = scrapeRecord(document, profileWith(group));
    expect(record.ambulatoryCase?.visits).toEqual([{ date: '2026-11-01' }, { date: '2026-11-08' }]);
    // The text's own wrapper is marked, inside the cell; our mark beside it does not change that on the next read.
    expect(fields.map((f) => f.element.className)).toEqual(['x-grid-cell-inner', 'x-grid-cell-inner']);
    fields.forEach((f) => f.element.after(document.createElement('egisz-mark')));
    expect(scrapeRecord(document, profileWith(group)).fields.map((f) => f.element)).toEqual(fields.map((f) => f.element));
  });

  // XPath locators are left to the e2e and the browser: happy-dom has no document.evaluate.
  it('finds a field by its label inside each block of a list, and tries the rows locators in order', () => {
    document.body.innerHTML = `<ul><li class="v"><label>Дата <input value="2026-11-01"></label><b>первичный</b></li>
      <li class="v"><label>Дата <input value="2026-11-08"></label><b>повторный</b></li></ul>`;
    const group: RowGroup = {
      rows: [{ selector: '.missing' }, { selector: 'li.v' }],
      fields: [
        { paths: ['ambulatoryCase.visits.*.date'], find: { label: 'Дата' }, read: 'value', format: { kind: 'date', pattern: 'yyyy-mm-dd' } },
        { paths: ['ambulatoryCase.visits.*.conclusion'], find: [{ selector: 'i' }, { selector: 'b' }], read: 'text', format: text },
      ],
    };
    expect(scrapeRecord(document, profileWith(group)).record.ambulatoryCase?.visits).toEqual([
      { date: '2026-11-01', conclusion: 'первичный' },
      { date: '2026-11-08', conclusion: 'повторный' },
    ]);
  });

  it('a broken selector in a row rule finds nothing instead of failing the form', () => {
    document.body.innerHTML = `<input id="s" value="15642781886"><table><tr class="r"><td><input></td></tr></table>`;
    const group: RowGroup = { rows: { selector: 'tr.r' }, fields: [{ paths: ['items.*.x'], find: { selector: 'input[' }, read: 'value', format: text }] };
    expect(scrapeRecord(document, profileWith(group)).record).toEqual({ patient: { snils: '15642781886' } });
  });
});
