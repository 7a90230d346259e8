import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSnils, isValidSnils, normalizeSnils, snilsChecksum } from '../../../../shared/validate/snils.ts';

describe('SNILS', () => {
  it.each([
    ['11223344595', true, 'demo doctor'],
    ['15642781886', true, 'demo patient'],
    ['15642781887', false, 'checksum off by one'],
    ['00100199800', true, '001-001-998 and below are not checked'],
    ['00100199900', false, '001-001-999 is checked'],
    ['1122334459', false, 'ten digits'],
    ['112233445950', false, 'twelve digits'],
    ['112-233-445 95', false, 'separators must be normalised first'],
  ])('isValidSnils(%s) is %s (%s)', (digits, valid) => {
    expect(isValidSnils(digits)).toBe(valid);
  });

  it.each([
    ['112233445', '95', 'sum 95 is the check itself'],
    ['911001000', '00', 'sum 100 gives 00'],
    ['911001001', '00', 'sum 101 gives 00'],
    ['911001002', '01', 'sum 102 is taken mod 101'],
    ['999999999', '01', 'sum 405 mod 101 = 1'],
  ])('checksum(%s) is %s (%s)', (nine, check) => {
    expect(snilsChecksum(nine)).toBe(check);
  });

  it('normalises and formats', () => {
    expect(normalizeSnils(' 112-233-445 95 ')).toBe('11223344595');
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
    expect(formatSnils('123')).toBe('123');
  });

  // Sums 0, 100 and 101 (mod 101) all give 00: no mod-101 checksum can tell them apart.
  const collapsed = (nine: string) => [0, 100].includes([...nine].reduce((s, d, i) => s + Number(d) * (9 - i), 0) % 101);

  const checkedNumber = fc.integer({ min: 1_001_999, max: 999_999_999 }).map((n) => String(n).padStart(9, '0'));
  const validSnils = checkedNumber.map((nine) => nine + snilsChecksum(nine));

  it('accepts every generated valid number', () => {
    fc.assert(fc.property(validSnils, (snils) => isValidSnils(snils)));
  });

  it('rejects any single changed digit, except between sums the rule maps to 00', () => {
    fc.assert(
      fc.property(validSnils, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (snils, pos, delta) => {
        const changed = snils.slice(0, pos) + ((Number(snils[pos]) + delta) % 10) + snils.slice(pos + 1);
        fc.pre(Number(changed.slice(0, 9)) > 1_001_998);
        fc.pre(!(collapsed(snils.slice(0, 9)) && collapsed(changed.slice(0, 9))));
        return !isValidSnils(changed);
      }),
    );
  });

  it('catches a swap of two different adjacent digits among the first nine', () => {
    fc.assert(
      fc.property(validSnils, fc.integer({ min: 0, max: 7 }), (snils, pos) => {
        fc.pre(snils[pos] !== snils[pos + 1]);
        const swapped = snils.slice(0, pos) + snils[pos + 1] + snils[pos] + snils.slice(pos + 2);
        fc.pre(Number(swapped.slice(0, 9)) > 1_001_998);
        fc.pre(!(collapsed(snils.slice(0, 9)) && collapsed(swapped.slice(0, 9))));
        return !isValidSnils(swapped);
      }),
    );
  });
});
