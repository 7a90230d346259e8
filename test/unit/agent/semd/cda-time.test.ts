import { describe, expect, it } from 'vitest';
import { cdaDate, cdaMoment, readableTs } from '../../../../agent/semd/cda-time.ts';

describe('CDA time values', () => {
  it('writes dates as YYYYMMDD', () => {
    expect(cdaDate('1980-05-14')).toBe('19800514');
    expect(() => cdaDate('14.05.1980')).toThrow(expect.objectContaining({ code: 'DOCUMENT_DATE_INVALID' }));
  });

  it('writes moments with minutes and the offset, as 119.sch У1-14 expects', () => {
    expect(cdaMoment('2026-11-26T10:15:00+03:00')).toBe('202611261015+0300');
    expect(cdaMoment('2026-11-26T10:15:59.123+05:00')).toBe('202611261015+0500');
    expect(cdaMoment('2026-11-26T07:15:00Z')).toBe('202611260715+0000');
    expect(() => cdaMoment('2026-11-26T10:15:00')).toThrow(expect.objectContaining({ code: 'DOCUMENT_DATE_INVALID' }));
  });

  it('reads them back for people', () => {
    expect(readableTs('19800514')).toBe('14.05.1980');
    expect(readableTs('202611261015+0300')).toBe('26.11.2026 10:15 (UTC+03:00)');
    expect(readableTs('garbage')).toBe('garbage');
  });
});
