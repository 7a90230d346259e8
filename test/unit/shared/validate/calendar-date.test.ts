import { describe, expect, it } from 'vitest';
import { formatAge, fullYearsBetween, isCalendarDate, localDay, parseDateTime } from '../../../../shared/validate/calendar-date.ts';

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-5', false],
    ['26.11.2026', false],
    ['1799-12-31', false],
  ])('isCalendarDate(%s) is %s', (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
  });

  it.each([
    ['1980-05-14', '2026-05-13', 45],
    ['1980-05-14', '2026-05-14', 46],
    ['2024-02-29', '2025-02-28', 0],
    ['2024-02-29', '2025-03-01', 1],
  ])('fullYearsBetween(%s, %s) = %i', (birth, on, years) => {
    expect(fullYearsBetween(birth, on)).toBe(years);
  });

  it.each([
    [0, '0 лет'],
    [1, '1 год'],
    [3, '3 года'],
    [11, '11 лет'],
    [21, '21 год'],
    [44, '44 года'],
    [112, '112 лет'],
  ])('formatAge(%i) = %s', (years, text) => {
    expect(formatAge(years)).toBe(text);
  });

  it.each<[string, { day: string; hasZone: boolean; iso?: string }]>([
    ['2026-11-26T10:15:00+03:00', { day: '2026-11-26', hasZone: true, iso: '2026-11-26T07:15:00.000Z' }],
    ['2026-11-26T10:15Z', { day: '2026-11-26', hasZone: true, iso: '2026-11-26T10:15:00.000Z' }],
    ['2026-11-26T10:15:00.123+05:00', { day: '2026-11-26', hasZone: true, iso: '2026-11-26T05:15:00.123Z' }],
    ['2026-11-26T10:15:00', { day: '2026-11-26', hasZone: false }],
  ])('parseDateTime(%s)', (text, expected) => {
    const parsed = parseDateTime(text);
    expect(parsed).toMatchObject({ day: expected.day, hasZone: expected.hasZone });
    if (expected.iso) expect(parsed?.instant.toISOString()).toBe(expected.iso);
  });

  it.each(['2026-11-26', '2026-11-26 10:15', '2026-02-30T10:00:00Z', '2026-11-26T24:00:00Z', '2026-11-26T10:15:00+3'])('rejects %s', (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });

  it('reads the local calendar day of an instant', () => {
    const instant = new Date(2026, 10, 26, 23, 59);
    expect(localDay(instant)).toBe('2026-11-26');
  });
});
