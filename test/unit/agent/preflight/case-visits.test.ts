import { describe, expect, it } from 'vitest';
import { visitsOf, type BookDocument } from '../../../../agent/preflight/case-visits.ts';
import type { VisitDetails } from '../../../../agent/preflight/visit-details.ts';
import type { VisitRow } from '../../../../agent/preflight/visit-history.ts';

const details: VisitDetails = {
  mainDiagnosis: 'I20.8', diagnoses: [{ code: 'I20.8', main: true }], organizationOid: '1.2.643.5.1.13.13.12.2.77.7701',
  doctor: { lastName: 'Иванова', firstName: 'Мария' },
};

function sent(localUid: string, kind: string, since: string, doctorSnils = '11223344595'): BookDocument {
  const row = {
    localUid, setId: localUid, versionNumber: 1, conclusionHash: 'c', contentHash: 'h', patientSnils: '08765432102', kind, doctorSnils,
    visitDate: '2026-11-22', patientLastName: 'Сидорова', patientFirstName: 'Анна', patientBirthDate: '1980-01-01', createdAt: since,
  } as VisitRow;
  return { localUid, since, row, details };
}

describe('visitsOf: documents of one patient, day, doctor and organization are one visit', () => {
  it('is led by the document written first, whatever its kind', () => {
    const [visit] = visitsOf([sent('b-consult', '119', '2026-11-22T10:05:00'), sent('a-referral', '185', '2026-11-22T10:00:00')]);
    expect(visit!.localUid).toBe('a-referral');
    expect(visit!.row.kind).toBe('119'); // the step's diagnosis and doctor still come from the consultation
  });

  it('is led by the consultation when both were written in the same second (signed together)', () => {
    const visits = visitsOf([sent('a-referral', '185', '2026-11-22T10:00:00'), sent('b-consult', '119', '2026-11-22T10:00:00')]);
    expect(visits).toHaveLength(1);
    expect(visits[0]!.localUid).toBe('b-consult');
    expect(visits[0]!.documents.map((d) => d.localUid)).toEqual(['b-consult', 'a-referral']);
  });

  it('keeps another doctor\'s document on the same day as a visit of its own', () => {
    const visits = visitsOf([sent('a', '119', '2026-11-22T10:00:00'), sent('b', '119', '2026-11-22T11:00:00', '01234567890')]);
    expect(visits.map((v) => v.localUid)).toEqual(['a', 'b']);
  });
});
