// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import reader from '../../../../extension/entrypoints/extjs-reader.ts';
import { readExtjs } from '../../../../extension/scrape/page-world-bridge.ts';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { applyRule, scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';

const stub = readFileSync(resolve(import.meta.dirname, '../../../fixtures/pages/extjs/ext-stub.js'), 'utf8');
const profile = builtinProfiles.find((p) => p.id === 'extjs-rmis-visit')!;
type Ext = { create(config: object): { render(el: Element): void } };

beforeAll(() => {
  // The fixture's ExtJS stand-in, as the page would load it, with three fields.
  new Function(stub).call(window);
  const ext = (window as unknown as { Ext: Ext }).Ext;
  document.body.innerHTML = '<div id="form"></div>';
  const form = document.getElementById('form')!;
  ext.create({ xtype: 'textfield', name: 'Person_Snils', fieldLabel: 'СНИЛС', value: '156-427-818 86' }).render(form);
  ext.create({ xtype: 'datefield', name: 'Person_BirthDay', fieldLabel: 'Дата рождения', value: new Date(1980, 4, 14) }).render(form);
  ext.create({ xtype: 'combo', name: 'Sex_id', fieldLabel: 'Пол', store: [['1', 'Мужской'], ['2', 'Женский']], value: '2' }).render(form);
});

describe('ExtJS values through the page-world reader', () => {
  it('answers nothing before the reader is in the page', () => {
    expect(readExtjs(document, ['combo[name=Sex_id]']).size).toBe(0);
  });

  it('reads getValue and getRawValue and the generated input id, once installed (twice is harmless)', () => {
    reader.main();
    reader.main();
    const readings = readExtjs(document, ['combo[name=Sex_id]', 'datefield[name=Person_BirthDay]', 'textfield[name=Nope]']);
    expect(readings.get('combo[name=Sex_id]')).toMatchObject({ value: '2', raw: 'Женский' });
    expect(readings.get('combo[name=Sex_id]')?.inputId).toMatch(/^ext-gen\d+-inputEl$/);
    expect(readings.get('datefield[name=Person_BirthDay]')).toMatchObject({ value: '1980-05-14', raw: '14.05.1980' });
    expect(readings.has('textfield[name=Nope]')).toBe(false);
  });

  it('scrapes the profile through the registry and marks the DOM inputs; edits are read back the same way', () => {
    const { record, fields } = scrapeRecord(document, profile);
    expect(record.patient).toMatchObject({ snils: '15642781886', birthDate: '1980-05-14', gender: 'female' });
    const snils = fields.find((f) => f.path === 'patient.snils')!;
    expect(snils.extjs).toBe('textfield[name=Person_Snils]');
    expect(snils.element.id).toMatch(/^ext-gen\d+-inputEl$/);
    (snils.element as HTMLInputElement).value = '156 427 818 87';
    applyRule(record, snils);
    expect(record.patient?.snils).toBe('15642781887');
  });
});
