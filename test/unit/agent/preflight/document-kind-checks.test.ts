import { describe, expect, it } from 'vitest';
import { checkDocumentKindOnDate } from '../../../../agent/preflight/document-kind-checks.ts';
import { demoConsultation } from '../../../fixtures/semd/demo-record.ts';

const kinds = (start: string, end: string | null) => ({
  passport: { oid: '1.2.643.5.1.13.13.11.1520', version: '12.15', rowsCount: 1 },
  rows: [{ ID: '119', OID: '119', NAME: 'Протокол консультации', START_DATE: start, END_DATE: end }],
  fetchedAt: '2026-11-26T00:00:00Z',
});

describe('checkDocumentKindOnDate (FNSI 1520 dates, dd.mm.yyyy)', () => {
  const r = demoConsultation();
  r.document.createdAt = '2026-11-26T10:00:00+03:00';

  it('passes a kind in force and says nothing without a downloaded copy', () => {
    expect(checkDocumentKindOnDate(r, kinds('01.03.2022', null))).toEqual([]);
    expect(checkDocumentKindOnDate(r, undefined)).toEqual([]);
  });

  it('refuses a kind that ended before the creation date, naming the NSI version', () => {
    const [issue] = checkDocumentKindOnDate(r, kinds('01.03.2022', '01.11.2026'));
    expect(issue).toMatchObject({ code: 'PREFLIGHT_KIND_NOT_ON_DATE', path: 'document.kind', remdCode: 'NO_DOCUMENT_KIND_ON_DATE' });
    expect(issue!.message).toContain('12.15');
  });

  it('refuses a kind not yet registrable', () => {
    expect(checkDocumentKindOnDate(r, kinds('01.01.2027', null))[0]?.code).toBe('PREFLIGHT_KIND_NOT_ON_DATE');
  });
});
