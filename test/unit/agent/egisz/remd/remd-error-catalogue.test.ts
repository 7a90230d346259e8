import { describe, expect, it } from 'vitest';
import {
  allRemdErrorCodes, isRetriableRemdCode, remdError, remdErrorCode, splitCsvLine,
} from '../../../../../agent/egisz/remd/remd-error-catalogue.ts';

describe('remd-error-catalogue', () => {
  it('holds the 127 codes of NSI 305 v3.18 with their Russian texts', () => {
    const all = allRemdErrorCodes();
    expect(all).toHaveLength(127);
    expect(new Set(all.map((c) => c.code)).size).toBe(127);
    expect(remdErrorCode('NOT_UNIQUE_PROVIDED_ID')).toMatchObject({ id: 25, description: 'Документ с указанным идентификатором (в РМИС/МИС) уже зарегистрирован' });
    expect(remdErrorCode('NOT_UNIQUE_ITEM')?.description).toContain('(сервис "заказ справок онлайн"');
  });

  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,"b, c",d', ['a', 'b, c', 'd']],
    ['a,"say ""hi""",', ['a', 'say "hi"', '']],
  ])('splits %s', (line, fields) => {
    expect(splitCsvLine(line)).toEqual(fields);
  });

  it.each([
    ['RATE_LIMIT', true], ['MIS_NOT_AVAILABLE', true], ['INTERNAL_ERROR', true],
    ['NOT_UNIQUE_PROVIDED_ID', false], ['PERSON_NOT_FOUND', false], ['NO_SUCH_CODE', false],
  ])('%s retriable: %s', (code, retriable) => {
    expect(isRetriableRemdCode(code)).toBe(retriable);
  });

  it('appends particulars or fills the [] slots of the text', () => {
    expect(remdError('NO_RMIS', 'clientEntityId [x]').message).toBe('РМИС/МИС не зарегистрирована в РЭМД: clientEntityId [x]');
    expect(remdError('INVALID_DOCTOR_FAMILY', ['Иванова', 'Петрова', '11223344595']).message).toBe(
      'Фамилия [Иванова] медицинского работника в запросе на регистрацию отличается от фамилии [Петрова] в СЭМД. СНИЛС [11223344595]',
    );
  });

  it('refuses to invent a code', () => {
    expect(() => remdError('SOMETHING_ELSE')).toThrow(/not an NSI 305 code/);
  });
});
