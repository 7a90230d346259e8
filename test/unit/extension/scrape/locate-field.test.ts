// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DocumentLookup, locateRule, readElement } from '../../../../extension/scrape/locate-field.ts';
import { scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';
import type { FieldRule, SiteProfile } from '../../../../extension/scrape/site-profile.ts';

const parse = (html: string): Document => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
const rule = (find: FieldRule['find'], read: FieldRule['read'] = 'value'): FieldRule => ({ paths: ['patient.snils'], find, read, format: { kind: 'text' } });
const locate = (doc: Document, r: FieldRule) => locateRule(new DocumentLookup(doc), r, () => []);

describe('locators', () => {
  const doc = parse(`
    <table><tr><td>Страховой номер:</td><td><input name="SNILS" value="156"></td></tr></table>
    <div id="hdr"><span>Иванова</span><span>112</span></div>
    <label>Пол <select name="sex"><option value="1" selected>Мужской</option><option value="2">Женский</option></select></label>`);

  // XPath needs a real browser (happy-dom has no document.evaluate): the legacy and ExtJS e2e pages use it.
  it('finds by the text in the previous table cell and by selector', () => {
    expect(locate(doc, rule({ label: 'Страховой номер' }))?.raw).toBe('156');
    expect(locate(doc, rule({ selector: 'input[name=SNILS]' }))?.element.getAttribute('name')).toBe('SNILS');
  });

  it('tries the locators of a list in order', () => {
    expect(locate(doc, rule([{ selector: '#gone' }, { xpath: 'not an xpath((' }, { label: 'Страховой номер:' }]))?.raw).toBe('156');
    expect(locate(doc, rule([{ selector: '#gone' }, { label: 'Нет такого' }]))).toBeNull();
  });

  it('reads a select as its option value or its option text', () => {
    const select = doc.querySelector('select')!;
    expect(readElement(select, 'value')).toBe('1');
    expect(readElement(select, 'option-value')).toBe('1');
    expect(readElement(select, 'option-text')).toBe('Мужской');
    expect(locate(doc, rule({ label: 'Пол' }, 'option-text'))?.raw).toBe('Мужской');
  });
});

describe('a record over several documents (a frameset)', () => {
  it('takes each field from the document that has it', () => {
    const header = parse('<span class="usr">Иванова Мария Петровна</span>');
    const form = parse('<label for="s">СНИЛС</label><input id="s" value="156-427-818 86">');
    const profile: SiteProfile = {
      id: 'frames', title: 'Форма', match: { host: '*', path: '*' }, constants: {}, agentCompleted: [],
      fields: [
        { paths: ['patient.snils'], find: { label: 'СНИЛС' }, read: 'value', format: { kind: 'snils' } },
        { paths: ['practitioner.lastName', 'practitioner.firstName', 'practitioner.middleName'], find: { selector: '.usr' }, read: 'text', format: { kind: 'fio' } },
      ],
    };
    const { record, fields } = scrapeRecord([header, form], profile);
    expect(record).toEqual({ patient: { snils: '15642781886' }, practitioner: { lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' } });
    expect(fields.find((f) => f.path === 'patient.snils')?.element.ownerDocument).toBe(form);
    expect(fields.find((f) => f.path === 'practitioner.lastName')?.element.ownerDocument).toBe(header);
  });
});
