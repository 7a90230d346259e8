import { describe, expect, it } from 'vitest';
import { checkDuplicates, type SentVisit } from '../../../../agent/preflight/duplicate-checks.ts';
import { visitDetails } from '../../../../agent/preflight/visit-details.ts';
import { conclusionHash, documentSubject, visitFingerprint } from '../../../../agent/preflight/visit-fingerprint.ts';
import type { ClinicalRecord } from '../../../../shared/domain/record.ts';
import {
  demoConsultation, instrumentalFacts, maximalAmbulatoryCase, maximalInstrumental, maximalLaboratory, maximalPrescription, maximalReferral, referralFacts,
} from '../../../fixtures/semd/demo-record.ts';

function sentFrom(r: ClinicalRecord, extra: Partial<SentVisit> = {}): SentVisit {
  return {
    ...visitFingerprint(r), conclusionHash: conclusionHash(r), localUid: 'uid-1', setId: 'set-1', versionNumber: 1,
    patientLastName: r.patient.lastName, patientFirstName: r.patient.firstName, patientBirthDate: r.patient.birthDate,
    createdAt: '2026-11-25T10:00:00+03:00', emdrId: '77.119.26.11.000001', details: JSON.stringify(visitDetails(r)), ...extra,
  };
}

const check = (r: ClinicalRecord, sent: SentVisit[]) => checkDuplicates(
  visitFingerprint(r), conclusionHash(r), sent, (setId) => Math.max(0, ...sent.filter((s) => s.setId === setId).map((s) => s.versionNumber)), documentSubject(r),
);

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

describe('checkDuplicates on documents about something besides the visit', () => {
  it('a laboratory result changed on the same specimen is the next version; the same study of another specimen is no duplicate', () => {
    const r = maximalLaboratory();
    const earlier = [sentFrom(r)];
    const corrected = maximalLaboratory();
    corrected.laboratory!.results[0]!.value = '138';
    expect(check(corrected, earlier).identity).toEqual({ setId: 'set-1', versionNumber: 2 });
    const other = maximalLaboratory();
    other.laboratory!.specimen.id = 'S-000077';
    expect(check(other, earlier).issues).toEqual([]);
  });

  it('a repeat study on another date with the same conclusion is not refused as the same protocol', () => {
    const earlier = [sentFrom(maximalLaboratory())];
    const repeat = maximalLaboratory();
    repeat.encounter.visitDate = '2026-11-19';
    repeat.laboratory!.specimen.id = 'S-000077';
    expect(check(repeat, earlier).issues).toEqual([]);
  });

  it('a prescription of another drug at the same visit is a document of its own; the same one again is a duplicate', () => {
    const r = maximalPrescription();
    const earlier = [sentFrom(r)];
    const other = maximalPrescription();
    other.prescription!.drug = { ...other.prescription!.drug, code: '21.20.10.134-000021-1-00061-2000000774451' };
    expect(check(other, earlier)).toEqual({ issues: [] });
    expect(check(maximalPrescription(), earlier).issues).toEqual([expect.objectContaining({ code: 'PREFLIGHT_DUPLICATE_VISIT' })]);
    const dose = maximalPrescription();
    dose.prescription!.dose = { ...dose.prescription!.dose, value: '1' };
    expect(check(dose, earlier).identity).toEqual({ setId: 'set-1', versionNumber: 2 });
  });

  it('the same drug prescribed again on another day is not the same protocol', () => {
    const earlier = [sentFrom(maximalPrescription())];
    const later = maximalPrescription();
    later.encounter.visitDate = '2026-12-24';
    expect(check(later, earlier).issues).toEqual([]);
  });

  it('an epicrisis with its treatment changed is the next version of that case\'s epicrisis', () => {
    const r = maximalAmbulatoryCase();
    const corrected = maximalAmbulatoryCase();
    corrected.ambulatoryCase!.nonDrugTreatment = 'Полоскание горла.';
    expect(check(corrected, [sentFrom(r)]).identity).toEqual({ setId: 'set-1', versionNumber: 2 });
    const otherCase = maximalAmbulatoryCase();
    otherCase.encounter.caseId = 'case-2026-0002';
    expect(check(otherCase, [sentFrom(r)]).issues).toEqual([]);
  });

  it('content keys in another order are the same content', () => {
    const r = maximalLaboratory();
    const reordered = maximalLaboratory();
    const { service, ...rest } = reordered.laboratory!;
    reordered.laboratory = { ...rest, service };
    expect(visitFingerprint(reordered)).toEqual(visitFingerprint(r));
  });

  it('two referrals from one visit to different places are two documents; a changed comment is the next version', () => {
    const cardiology = { ...maximalReferral(), referral: structuredClone(referralFacts.referral!) };
    const earlier = [sentFrom(cardiology)];
    const neurology = { ...maximalReferral(), referral: { organization: referralFacts.referral!.organization, service: 'Консультация врача-невролога' } };
    expect(check(neurology, earlier)).toEqual({ issues: [] });
    const commented = { ...maximalReferral(), referral: { ...referralFacts.referral!, comment: 'Давление до 170/100 на фоне терапии' } };
    expect(check(commented, earlier).identity).toEqual({ setId: 'set-1', versionNumber: 2 });
  });

  it('an ECG and an echocardiogram on one day are two protocols', () => {
    const ecg = { ...maximalInstrumental(), study: structuredClone(instrumentalFacts.study!) };
    const echo = { ...maximalInstrumental(), study: { service: { ...instrumentalFacts.study!.service, code: '7', displayName: 'Эхокардиография' }, description: 'Фракция выброса 62 %.' } };
    expect(check(echo, [sentFrom(ecg)])).toEqual({ issues: [] });
  });
});
