import { describe, expect, it } from 'vitest';
import { isMkb10CodeForm, repairMkb10Code } from '../../../../shared/validate/mkb10-code.ts';

describe('МКБ-10 code form', () => {
  it.each([
    ['J06.9', true],
    ['I10', true],
    ['S26.91', true],
    ['J06.', false],
    ['J6.9', false],
    ['j06.9', false],
    ['J06.912', false],
    ['A00-A09', false],
    ['XV', false],
  ])('isMkb10CodeForm(%s) is %s', (code, ok) => {
    expect(isMkb10CodeForm(code)).toBe(ok);
  });

  it.each([
    ['j06.9', 'J06.9'],
    ['J06,9', 'J06.9'],
    ['J069', 'J06.9'],
    ['S2691', 'S26.91'],
    [' J06.9 ', 'J06.9'],
    ['А09', 'A09'], // Cyrillic А
    ['Е11.9', 'E11.9'], // Cyrillic Е
    ['J06.', 'J06'],
    ['ОРВИ', undefined],
    ['J06.9', undefined],
  ])('repairMkb10Code(%s) = %s', (raw, repaired) => {
    expect(repairMkb10Code(raw)).toBe(repaired);
  });
});
