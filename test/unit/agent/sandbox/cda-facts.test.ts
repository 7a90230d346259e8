import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTs, readCdaFacts, tsDay } from '../../../../agent/sandbox/cda-facts.ts';
import { XmlParseError } from '../../../../agent/egisz/remd/xml-reader.ts';

const golden = readFileSync(new URL('../../../fixtures/semd/consultation-119.golden.xml', import.meta.url), 'utf8');

describe('cda-facts', () => {
  it('reads what REMD compares from a SEMD', () => {
    const facts = readCdaFacts(golden);
    expect(facts).toMatchObject({
      documentId: '0b6e2f5a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
      effectiveTime: '202611261015+0300',
      providerOrganization: '1.2.643.5.1.13.13.12.2.77.7701',
      patient: { snils: '15642781886', localId: 'pat-100500', family: 'Петров', given: 'Иван', patronymic: 'Сергеевич', birthTime: '19800514', genderCode: '1' },
      legalAuthenticator: { snils: '11223344595', family: 'Иванова', given: 'Мария', patronymic: 'Петровна', localId: 'doc-0042' },
    });
    expect(facts.authors).toEqual([{ snils: '11223344595', localId: 'doc-0042', family: 'Иванова', given: 'Мария', patronymic: 'Петровна' }]);
  });

  it('reads the older profile (kind 42), where the patronymic is the second given', () => {
    const epicrisis = readFileSync(new URL('../../../fixtures/semd/ambulatory-epicrisis-42.golden.xml', import.meta.url), 'utf8');
    const facts = readCdaFacts(epicrisis);
    expect(facts.patient).toMatchObject({ snils: '15642781886', localId: 'pat-100500', family: 'Петров', given: 'Иван', patronymic: 'Сергеевич' });
    expect(facts.legalAuthenticator).toMatchObject({ snils: '11223344595', family: 'Иванова', given: 'Мария', patronymic: 'Петровна' });
    expect(facts.authors).toEqual([{ snils: '11223344595', localId: 'doc-0042', family: 'Иванова', given: 'Мария', patronymic: 'Петровна' }]);
    // Without a patronymic the second given is a nullFlavor: no patronymic, not an empty one.
    const withoutPatronymic = epicrisis.replace('<given>Сергеевич</given>', '<given nullFlavor="NI"/>');
    expect(readCdaFacts(withoutPatronymic).patient).toMatchObject({ given: 'Иван', patronymic: undefined });
  });

  it('gives empty facts for XML of another shape and throws on non-XML', () => {
    expect(readCdaFacts('<other/>')).toEqual({ patient: {}, authors: [] });
    expect(() => readCdaFacts('not xml')).toThrow(XmlParseError);
  });

  it.each([
    ['202611261015+0300', '2026-11-26T07:15:00.000Z'],
    ['20261126101530-0130', '2026-11-26T11:45:30.000Z'],
    ['20261126', '2026-11-26T00:00:00.000Z'],
  ])('parses TS %s', (ts, iso) => {
    expect(parseTs(ts)?.toISOString()).toBe(iso);
  });

  it.each([[undefined], ['2026-11-26'], ['garbage']])('does not parse %s', (ts) => {
    expect(parseTs(ts)).toBeUndefined();
  });

  it('turns an HL7 date into YYYY-MM-DD', () => {
    expect(tsDay('19800514')).toBe('1980-05-14');
    expect(tsDay(undefined)).toBeUndefined();
  });
});
