import { describe, expect, it } from 'vitest';
import { formatField, parseDate, splitFio } from '../../../../extension/scrape/field-format.ts';

describe('parseDate', () => {
  it.each([
    ['14.05.1980', 'dd.mm.yyyy', '1980-05-14'],
    ['1.2.2026', 'dd.mm.yyyy', '2026-02-01'],
    ['2026-11-26', 'yyyy-mm-dd', '2026-11-26'],
    ['14/05/1980', 'dd.mm.yyyy', '14/05/1980'],
    ['14.05.80', 'dd.mm.yyyy', '14.05.80'],
  ] as const)('%s (%s) → %s', (text, pattern, expected) => {
    expect(parseDate(text, pattern)).toBe(expected);
  });
});

describe('splitFio', () => {
  it.each([
    ['Иванова Мария Петровна', ['Иванова', 'Мария', 'Петровна']],
    ['Оглы Али Гасан оглы', ['Оглы', 'Али', 'Гасан оглы']],
    ['Smith John', ['Smith', 'John', undefined]],
    ['', [undefined, undefined, undefined]],
  ])('%s', (text, expected) => {
    expect(splitFio(text)).toEqual(expected);
  });
});

describe('formatField', () => {
  it('normalises a SNILS to its digits and collapses spaces in text', () => {
    expect(formatField(' 112-233-445 95 ', { kind: 'snils' })).toEqual(['11223344595']);
    expect(formatField('  Острая \n инфекция ', { kind: 'text' })).toEqual(['Острая инфекция']);
  });

  it('maps codes and passes unknown codes through for the validator', () => {
    const sex = { kind: 'map', values: { '1': 'male', '2': 'female' } } as const;
    expect(formatField('1', sex)).toEqual(['male']);
    expect(formatField('9', sex)).toEqual(['9']);
    expect(formatField('', sex)).toEqual([undefined]);
  });

  it('turns the MIS’s own code into a whole NSI value; an unknown one keeps its code and lacks a name', () => {
    const dictionary = { codeSystem: '1.2.643.5.1.13.13.11.1009', codeSystemVersion: '1.2', codeSystemName: 'Результат обращения' };
    const result = { kind: 'coded', dictionary, values: { '301': { code: '1', displayName: 'Лечение завершено' } } } as const;
    expect(formatField(' 301 ', result)).toEqual([{ ...dictionary, code: '1', displayName: 'Лечение завершено' }]);
    expect(formatField('399', result)).toEqual([{ ...dictionary, code: '399' }]);
    expect(formatField('  ', result)).toEqual([undefined]);
  });

  it('splits a FIO with irregular spacing', () => {
    expect(formatField('  Иванова   Мария\tПетровна ', { kind: 'fio' })).toEqual(['Иванова', 'Мария', 'Петровна']);
  });
});
