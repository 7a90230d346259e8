import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completeInn, isValidInn } from '../../../../shared/validate/inn.ts';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const changeDigit = (s: string, pos: number, delta: number) => s.slice(0, pos) + ((Number(s[pos]) + delta) % 10) + s.slice(pos + 1);

describe('ИНН', () => {
  it.each([
    ['7701000001', true, 'demo clinic'],
    ['7707083893', true, 'Сбербанк'],
    ['7707083894', false, 'last digit off'],
    ['500100732259', true, 'a person (12 digits)'],
    ['500100732258', false, 'a person, last digit off'],
    ['500100732269', false, 'a person, 11th digit off'],
    ['770708389', false, '9 digits'],
    ['77070838930', false, '11 digits'],
  ])('isValidInn(%s) is %s (%s)', (inn, valid) => {
    expect(isValidInn(inn)).toBe(valid);
  });

  // mod 11 then mod 10 maps remainder 10 to 0: changes between those two cannot be seen.
  it.each([9, 10])('a generated %i-digit prefix completes to a valid INN, and a changed digit is mostly caught', (n) => {
    fc.assert(fc.property(digits(n), (prefix) => isValidInn(completeInn(prefix))));
    let missed = 0;
    let tried = 0;
    fc.assert(
      fc.property(digits(n), fc.nat(n + (n === 9 ? 0 : 1)), fc.integer({ min: 1, max: 9 }), (prefix, pos, delta) => {
        tried++;
        if (isValidInn(changeDigit(completeInn(prefix), pos, delta))) missed++;
      }),
      { numRuns: 2000 },
    );
    expect(missed / tried).toBeLessThan(0.15);
  });

  it('always catches a change in a check digit', () => {
    fc.assert(
      fc.property(digits(10), fc.integer({ min: 1, max: 9 }), (prefix, delta) => {
        const inn = completeInn(prefix);
        return !isValidInn(changeDigit(inn, 11, delta)) && !isValidInn(changeDigit(inn, 10, delta));
      }),
    );
  });
});
