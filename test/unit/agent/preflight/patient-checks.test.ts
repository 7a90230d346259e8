import { describe, expect, it } from 'vitest';
import { checkPatientHistory, identityDifferences } from '../../../../agent/preflight/patient-checks.ts';
import type { VisitRow } from '../../../../agent/preflight/visit-history.ts';
import { demoConsultation } from '../../../fixtures/semd/demo-record.ts';

const earlier = (extra: Partial<VisitRow> = {}): VisitRow => ({
  localUid: 'u1', setId: 's1', versionNumber: 1, patientSnils: '15642781886', kind: '119', doctorSnils: '11223344595',
  visitDate: '2026-11-01', contentHash: 'h', conclusionHash: 'c', patientLastName: 'Петров', patientFirstName: 'Иван',
  patientMiddleName: 'Сергеевич', patientBirthDate: '1980-05-14', createdAt: '2026-11-01T10:00:00+03:00', ...extra,
});

describe('patient identity against our earlier documents', () => {
  it('names the fields that differ, ignoring case and ё', () => {
    const a = { lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич', birthDate: '1980-05-14' };
    expect(identityDifferences(a, { ...a, lastName: 'ПЕТРОВ' })).toEqual([]);
    expect(identityDifferences({ ...a, firstName: 'Пётр' }, { ...a, firstName: 'Петр' })).toEqual([]);
    expect(identityDifferences(a, { ...a, lastName: 'Петрова', birthDate: '1980-05-15' })).toEqual(['фамилия', 'дата рождения']);
  });

  it('refuses a SNILS whose earlier documents name another person', () => {
    const r = demoConsultation();
    const [issue] = checkPatientHistory(r, [earlier({ patientLastName: 'Сидорова', patientFirstName: 'Анна' })]);
    expect(issue).toMatchObject({ code: 'PREFLIGHT_PATIENT_HISTORY_MISMATCH', path: 'patient.snils', severity: 'error', remdCode: 'PATIENT_MPI_MISMATCH' });
    expect(issue!.message).toContain('фамилия, имя');
  });

  it('refuses another SNILS for the same MIS patient', () => {
    const r = demoConsultation();
    r.patient.localId = 'pat-100500';
    const issues = checkPatientHistory(r, [earlier({ patientSnils: '08765432102', patientLocalId: 'pat-100500' })]);
    expect(issues.map((i) => i.code)).toEqual(['PREFLIGHT_PATIENT_SNILS_CHANGED']);
  });

  it('passes a patient whose earlier documents agree', () => {
    expect(checkPatientHistory(demoConsultation(), [earlier()])).toEqual([]);
  });
});
