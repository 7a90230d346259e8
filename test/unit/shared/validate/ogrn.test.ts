import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidOgrn, isValidOgrnip, ogrnCheckDigit, ogrnipCheckDigit } from '../../../../shared/validate/ogrn.ts';

const number = (n: number) =>
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n - 1, maxLength: n - 1 })).map(([h, t]) => `${h}${t.join('')}`);
const changeDigit = (s: string, pos: number, delta: number) => s.slice(0, pos) + ((Number(s[pos]) + delta) % 10) + s.slice(pos + 1);

describe('ОГРН and ОГРНИП', () => {
  it.each([
    ['1027700000019', true, 'demo clinic'],
    ['1027700132195', true, 'Сбербанк'],
    ['1027700132196', false, 'check digit off'],
    ['0027700132195', false, 'leading zero'],
    ['102770013219', false, '12 digits'],
  ])('isValidOgrn(%s) is %s (%s)', (ogrn, valid) => {
    expect(isValidOgrn(ogrn)).toBe(valid);
  });

  it.each([
    ['304500116000157', true, 'a sole trader'],
    ['304500116000158', false, 'check digit off'],
    // 14-digit prefix ≡ 12 (mod 13): the check is 2, a rule that python-stdnum gets wrong.
    ['31250000000000' + ogrnipCheckDigit('31250000000000'), true, 'remainder above 9'],
  ])('isValidOgrnip(%s) is %s (%s)', (ogrnip, valid) => {
    expect(isValidOgrnip(ogrnip)).toBe(valid);
  });

  it('accepts generated numbers and catches a changed check digit', () => {
    fc.assert(
      fc.property(number(12), fc.integer({ min: 1, max: 9 }), (twelve, delta) => {
        const ogrn = twelve + ogrnCheckDigit(twelve);
        return isValidOgrn(ogrn) && !isValidOgrn(changeDigit(ogrn, 12, delta));
      }),
    );
    fc.assert(
      fc.property(number(14), fc.integer({ min: 1, max: 9 }), (fourteen, delta) => {
        const ogrnip = fourteen + ogrnipCheckDigit(fourteen);
        return isValidOgrnip(ogrnip) && !isValidOgrnip(changeDigit(ogrnip, 14, delta));
      }),
    );
  });

  it('catches a changed body digit unless the remainders fold to the same last digit', () => {
    fc.assert(
      fc.property(number(12), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 9 }), (twelve, pos, delta) => {
        const changedBody = changeDigit(twelve, pos, delta);
        const foldsTogether = ogrnCheckDigit(changedBody) === ogrnCheckDigit(twelve);
        return isValidOgrn(changedBody + ogrnCheckDigit(twelve)) === foldsTogether;
      }),
    );
  });
});
