// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import reader from '../../../../extension/entrypoints/extjs-reader.ts';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { readExtjs } from '../../../../extension/scrape/page-world-bridge.ts';
import { scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';

const profile = builtinProfiles.find((p) => p.id === 'extjs-rmis-visit')!;

/** An Ext 2/3-style page: components in ComponentMgr, whose `el` is the input itself; no ComponentQuery. */
function ext3Page(): void {
  document.body.innerHTML = `
    <div class="x-form-item"><label for="ext-gen41">СНИЛС:</label><input id="ext-gen41" value="156-427-818 86"></div>
    <div class="x-form-item"><label for="ext-gen42">Пол:</label><input id="ext-gen42" value="Мужской" readonly></div>`;
  const field = (xtype: string, name: string, id: string, value: () => unknown) => ({
    xtype, name, el: { dom: document.getElementById(id)! },
    getXType: () => xtype, getValue: value, getRawValue: () => (document.getElementById(id) as HTMLInputElement).value,
  });
  (window as unknown as { Ext: unknown }).Ext = {
    ComponentMgr: { all: { items: [
      field('textfield', 'Person_Snils', 'ext-gen41', () => (document.getElementById('ext-gen41') as HTMLInputElement).value),
      field('combo', 'Sex_id', 'ext-gen42', () => '1'),
    ] } },
  };
}

describe('ExtJS 2/3 pages and pages without Ext', () => {
  it('falls back to the labels while no reader answers: the combo then gives its display text only', () => {
    ext3Page();
    const { record, fields } = scrapeRecord(document, profile);
    expect(record.patient?.snils).toBe('15642781886');
    expect(record.patient?.gender).toBe('Мужской'); // the validator will flag it: only the registry knows the code
    expect(fields.every((f) => f.extjs === undefined)).toBe(true);
  });

  it('reads ComponentMgr through the same simple queries once the reader is in the page', () => {
    reader.main();
    expect(readExtjs(document, ['combo[name=Sex_id]']).get('combo[name=Sex_id]')).toEqual({ inputId: 'ext-gen42', value: '1', raw: 'Мужской' });
    const { record, fields } = scrapeRecord(document, profile);
    expect(record.patient).toMatchObject({ snils: '15642781886', gender: 'male' });
    expect(fields.find((f) => f.path === 'patient.gender')?.element.id).toBe('ext-gen42');
  });
});
