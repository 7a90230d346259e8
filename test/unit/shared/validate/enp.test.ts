import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { enpCheckDigit, isValidEnp } from '../../../../shared/validate/enp.ts';

/** The FFOMS clause Г.2 procedure, step by step, as an independent oracle. */
function normativeCheckDigit(fifteen: string): string {
  const fromRight = [...fifteen].reverse();
  const odd = fromRight.filter((_, i) => i % 2 === 0).reverse().join('');
  const even = fromRight.filter((_, i) => i % 2 === 1).reverse().join('');
  const joined = even + String(BigInt(odd) * 2n);
  const sum = [...joined].reduce((s, d) => s + Number(d), 0);
  return String((Math.ceil(sum / 10) * 10 - sum) % 10);
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const validEnp = digits(15).map((d) => d + enpCheckDigit(d));

describe('ЕНП', () => {
  it.each([
    ['8451999122899990', true, 'worked example of the normative text'],
    ['1234567890123452', true, 'synthetic'],
    ['7700000000000016', true, 'synthetic'],
    ['1234567890123456', false, 'common placeholder'],
    ['2450000011112222', false, 'help-text example of a public form'],
    ['6368636863686368', false, 'anonymised test data'],
    ['845199912289999', false, '15 digits'],
    ['84519991228999900', false, '17 digits'],
    ['8451 9991 2289 9990', false, 'spaces are not digits'],
  ])('isValidEnp(%s) is %s (%s)', (enp, valid) => {
    expect(isValidEnp(enp)).toBe(valid);
  });

  it('agrees with the normative procedure, HL7 textbook example included', () => {
    expect(normativeCheckDigit('12345')).toBe('5');
    fc.assert(fc.property(digits(15), (d) => enpCheckDigit(d) === normativeCheckDigit(d)));
  });

  it('accepts generated valid numbers', () => {
    fc.assert(fc.property(validEnp, isValidEnp));
  });

  it('rejects every single changed digit', () => {
    fc.assert(
      fc.property(validEnp, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (enp, pos, delta) => {
        const changed = enp.slice(0, pos) + ((Number(enp[pos]) + delta) % 10) + enp.slice(pos + 1);
        return !isValidEnp(changed);
      }),
    );
  });

  it('catches adjacent transpositions except 0↔9, which Luhn cannot see', () => {
    fc.assert(
      fc.property(validEnp, fc.integer({ min: 0, max: 14 }), (enp, pos) => {
        const [a, b] = [enp[pos], enp[pos + 1]];
        fc.pre(a !== b && !(a === '0' && b === '9') && !(a === '9' && b === '0'));
        return !isValidEnp(enp.slice(0, pos) + b + a + enp.slice(pos + 2));
      }),
    );
  });
});
