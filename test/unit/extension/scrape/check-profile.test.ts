import { describe, expect, it } from 'vitest';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { isSiteProfile, profileErrors } from '../../../../extension/scrape/check-profile.ts';

const minimal = () => ({
  id: 'p',
  title: 'Форма',
  match: { host: '*', path: '/form' },
  fields: [{ paths: ['patient.snils'], find: { selector: '#s' }, read: 'value', format: { kind: 'snils' } }],
  constants: {},
  agentCompleted: [],
});

const stage = { code: '3', codeSystem: '1.2.643.5.1.13.13.11.1076', codeSystemVersion: '1.1', codeSystemName: 'Группы диагнозов', displayName: 'Заключительный' };

describe('site profiles against profile-schema.json', () => {
  it.each(builtinProfiles.map((p) => [p.id, p]))('built-in %s is valid', (_id, profile) => {
    expect(profileErrors(profile)).toEqual([]);
  });

  it('accepts every locator kind, a list of locators and every reader', () => {
    const profile = minimal();
    profile.fields = [
      { paths: ['patient.snils'], find: [{ extjs: 'textfield[name=snils]' }, { label: 'СНИЛС' }] as never, read: 'value', format: { kind: 'snils' } },
      { paths: ['patient.gender'], find: { xpath: "//select[@name='sex']" } as never, read: 'option-text', format: { kind: 'map', values: { М: 'male' } } as never },
      { paths: ['patient.birthDate'], find: { selector: '#bd' }, read: 'option-value', format: { kind: 'date', pattern: 'dd/mm/yyyy' } as never },
    ];
    expect(profileErrors(profile)).toEqual([]);
  });

  it.each([
    ['no id', (p: Record<string, unknown>) => delete p.id, '$: нет поля «id»'],
    ['an unknown top-level key', (p: Record<string, unknown>) => (p.script = 'alert(1)'), '$: лишнее поле «script»'],
    ['an empty field list', (p: Record<string, unknown>) => (p.fields = []), '$.fields: элементов меньше 1'],
    ['an unknown locator', (p: ReturnType<typeof minimal>) => ((p.fields[0] as Record<string, unknown>).find = { css: '#s' }), 'не подходит ни под один вариант'],
    ['two locator kinds in one', (p: ReturnType<typeof minimal>) => ((p.fields[0] as Record<string, unknown>).find = { selector: '#s', label: 'СНИЛС' }), 'не подходит ни под один вариант'],
    ['an unknown reader', (p: ReturnType<typeof minimal>) => ((p.fields[0] as Record<string, unknown>).read = 'html'), 'одно из value'],
    ['a date without a pattern', (p: ReturnType<typeof minimal>) => ((p.fields[0] as Record<string, unknown>).format = { kind: 'date' }), 'не подходит ни под один вариант'],
    ['a path that is not dotted', (p: ReturnType<typeof minimal>) => (p.fields[0]!.paths = ['snils']), 'не по образцу'],
    ['a constant that is neither text nor a coded value', (p: Record<string, unknown>) => (p.constants = { 'document.kind': 119 }), 'не подходит ни под один вариант'],
    ['a coded constant without its name', (p: Record<string, unknown>) => (p.constants = { 'ambulatoryCase.diagnosisStage': { ...stage, displayName: undefined } }), 'не подходит ни под один вариант'],
    ['a kind the agent does not build', (p: Record<string, unknown>) => (p.kind = '999'), '$.kind: одно из 119'],
    ['a kind against the document.kind constant', (p: Record<string, unknown>) => ((p.kind = '185'), (p.constants = { 'document.kind': '119' })), 'вид документа 185 не совпадает'],
    ['a coded format without its dictionary', (p: ReturnType<typeof minimal>) => ((p.fields[0] as Record<string, unknown>).format = { kind: 'coded', values: {} }), 'не подходит ни под один вариант'],
    ['a coded value whose code system is not an OID', (p: ReturnType<typeof minimal>) => ((p.fields[0] as Record<string, unknown>).format = { kind: 'coded', dictionary: { ...stage, codeSystem: 'НСИ 1009' }, values: {} }), 'не подходит ни под один вариант'],
    ['an agentCompleted path with a blank segment', (p: Record<string, unknown>) => (p.agentCompleted = ['ambulatoryCase..place']), 'не по образцу'],
    ['a confidence above 1', (p: ReturnType<typeof minimal>) => ((p.fields[0] as Record<string, unknown>).confidence = 2), 'больше 1'],
  ])('rejects %s', (_name, spoil, message) => {
    const profile = minimal();
    spoil(profile as never);
    expect(isSiteProfile(profile)).toBe(false);
    expect(profileErrors(profile).join('\n')).toContain(message);
  });

  it('accepts a form of another kind: its kind, coded selects, coded constants and `*` in agentCompleted', () => {
    const profile = {
      ...minimal(),
      kind: '42',
      constants: { 'ambulatoryCase.diagnosisStage': stage, 'document.kind': '42' },
      agentCompleted: ['organization', 'ambulatoryCase.visits.*.place'],
    };
    profile.fields.push({
      paths: ['ambulatoryCase.visits.0.services.0'], find: { selector: '#usl' }, read: 'option-value',
      format: { kind: 'coded', dictionary: { codeSystem: '1.2.643.5.1.13.13.11.1070', codeSystemVersion: '2.14', codeSystemName: 'Номенклатура медицинских услуг' }, values: { T01: { code: 'B01.047.001', displayName: 'Прием врача-терапевта первичный' } } } as never,
    });
    expect(profileErrors(profile)).toEqual([]);
  });

  const withRows = (spoil: (group: Record<string, unknown>, rule: Record<string, unknown>) => void = () => undefined) => {
    const rule: Record<string, unknown> = { paths: ['ambulatoryCase.visits.*.date'], find: [{ column: 'Дата' }, { selector: 'input.date' }], read: 'value', format: { kind: 'date', pattern: 'dd.mm.yyyy' } };
    const group: Record<string, unknown> = { rows: [{ selector: '#visits > tr' }, { xpath: '//tr[@class="visit"]' }], fields: [rule] };
    spoil(group, rule);
    return { ...minimal(), repeat: [group] };
  };

  it('accepts fields repeated over rows: rows by selector or XPath, cells by column, selector, XPath or label', () => {
    expect(profileErrors(withRows())).toEqual([]);
    expect(profileErrors(withRows((_g, rule) => (rule.find = [{ label: 'Дата' }, { xpath: './td[1]/input' }])))).toEqual([]);
  });

  it.each([
    ['a row path without the row index', (_g: Record<string, unknown>, rule: Record<string, unknown>) => (rule.paths = ['ambulatoryCase.visits.0.date']), 'не по образцу'],
    ['a row path with two row indexes', (_g: Record<string, unknown>, rule: Record<string, unknown>) => (rule.paths = ['a.*.b.*.c']), 'не по образцу'],
    ['an ExtJS query inside a row', (_g: Record<string, unknown>, rule: Record<string, unknown>) => (rule.find = { extjs: 'datefield' }), 'не подходит ни под один вариант'],
    ['rows found by a label', (group: Record<string, unknown>) => (group.rows = { label: 'Посещения' }), 'не подходит ни под один вариант'],
    ['a group without rules', (group: Record<string, unknown>) => (group.fields = []), 'элементов меньше 1'],
    ['a column locator outside rows', () => undefined, 'не подходит ни под один вариант'],
  ])('rejects %s', (name, spoil, message) => {
    const profile = withRows(spoil);
    if (name.startsWith('a column')) (profile.fields[0] as Record<string, unknown>).find = { column: 'СНИЛС' };
    expect(profileErrors(profile).join('\n')).toContain(message);
  });

  it('rejects a row path that a single rule reads too', () => {
    const profile = withRows();
    profile.fields.push({ paths: ['ambulatoryCase.visits.1.date'], find: { selector: '#d' }, read: 'value', format: { kind: 'date', pattern: 'dd.mm.yyyy' } as never });
    expect(profileErrors(profile)).toEqual(['$.repeat[0].fields[0]: путь ambulatoryCase.visits.*.date уже читает правило $.fields[1]']);
    profile.fields[1]!.paths = ['ambulatoryCase.visits.1.dateOther'];
    expect(profileErrors(profile)).toEqual([]);
  });

  it('rejects what is not a profile at all', () => {
    expect(isSiteProfile(null)).toBe(false);
    expect(isSiteProfile([minimal()])).toBe(false);
    expect(isSiteProfile('{}')).toBe(false);
  });
});
