import { describe, expect, it } from 'vitest';
import { checkDuplicates, type SentVisit } from '../../../../agent/preflight/duplicate-checks.ts';
import { conclusionHash, visitFingerprint } from '../../../../agent/preflight/visit-fingerprint.ts';
import type { ClinicalRecord } from '../../../../shared/domain/record.ts';
import { demoConsultation } from '../../../fixtures/semd/demo-record.ts';

function sentFrom(r: ClinicalRecord, extra: Partial<SentVisit> = {}): SentVisit {
  return {
    ...visitFingerprint(r), conclusionHash: conclusionHash(r), localUid: 'uid-1', setId: 'set-1', versionNumber: 1,
    patientLastName: r.patient.lastName, patientFirstName: r.patient.firstName, patientBirthDate: r.patient.birthDate,
    createdAt: '2026-11-25T10:00:00+03:00', emdrId: '77.119.26.11.000001', ...extra,
  };
}

const check = (r: ClinicalRecord, sent: SentVisit[]) =>
  checkDuplicates(visitFingerprint(r), conclusionHash(r), sent, (setId) => Math.max(0, ...sent.filter((s) => s.setId === setId).map((s) => s.versionNumber)));

describe('visit fingerprint', () => {
  it('ignores case, spacing, punctuation and the order of diagnoses', () => {
    const a = demoConsultation();
    const b = demoConsultation();
    b.encounter.conclusion = `  ${a.encounter.conclusion.toUpperCase().replace(/ /g, '   ')}!!`;
    b.encounter.diagnoses = [...a.encounter.diagnoses].reverse();
    expect(visitFingerprint(b)).toEqual(visitFingerprint(a));
  });
});

describe('checkDuplicates', () => {
  it('warns «этот визит уже отправлен» with the earlier registration for the same visit and content', () => {
    const r = demoConsultation();
    const verdict = check(r, [sentFrom(r)]);
    expect(verdict.identity).toBeUndefined();
    expect(verdict.issues).toEqual([expect.objectContaining({ code: 'PREFLIGHT_DUPLICATE_VISIT', severity: 'warning' })]);
    expect(verdict.issues[0]!.message).toContain('77.119.26.11.000001');
  });

  it('turns another diagnosis on the same visit into the next version of the same set', () => {
    const r = demoConsultation();
    const earlier = [sentFrom(r), sentFrom(r, { localUid: 'uid-2', versionNumber: 2 })];
    r.encounter.diagnoses = [{ code: 'J02.9', role: 'main' }];
    const verdict = check(r, earlier);
    expect(verdict.identity).toEqual({ setId: 'set-1', versionNumber: 3 });
    expect(verdict.issues[0]).toMatchObject({ code: 'PREFLIGHT_NEW_VERSION', severity: 'warning' });
  });

  it('refuses the same protocol under another visit date', () => {
    const r = demoConsultation();
    const earlier = [sentFrom(r)];
    r.encounter.visitDate = '2026-11-01';
    expect(check(r, earlier).issues).toEqual([expect.objectContaining({ code: 'PREFLIGHT_VISIT_OTHER_DATE', severity: 'error', path: 'encounter.visitDate' })]);
  });

  it('does not match another patient, another doctor or another kind', () => {
    const r = demoConsultation();
    for (const change of [{ patientSnils: '08765432102' }, { doctorSnils: '12345678964' }, { kind: '148' }]) {
      expect(check(r, [sentFrom(r, change)]).issues).toEqual([]);
    }
  });
});
