/**
 * The patient's identity: the SNILS, name and birth date agree with the
 * patient index (ГИП, where the clinic has one) and with our own earlier
 * documents for that SNILS — a SNILS typed from another card shows up here
 * before REMD answers PATIENT_MPI_MISMATCH.
 */
import type { ClinicalRecord, Patient } from '../../shared/domain/record.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import type { PatientIndexClient } from '../egisz/registries/patient-index-client.ts';
import { preflightIssue } from './preflight-catalogue.ts';
import { ask, normalName } from './registry-answer.ts';
import type { VisitRow } from './visit-history.ts';

type Identity = Pick<Patient, 'lastName' | 'firstName' | 'middleName' | 'birthDate'> & { gender?: Patient['gender'] };

/** Russian names of the fields that differ. */
export function identityDifferences(a: Identity, b: Identity): string[] {
  const differs: string[] = [];
  if (normalName(a.lastName) !== normalName(b.lastName)) differs.push('фамилия');
  if (normalName(a.firstName) !== normalName(b.firstName)) differs.push('имя');
  if (normalName(a.middleName) !== normalName(b.middleName)) differs.push('отчество');
  if (a.birthDate !== b.birthDate) differs.push('дата рождения');
  if (a.gender && b.gender && a.gender !== b.gender) differs.push('пол');
  return differs;
}

export async function checkPatientInIndex(record: ClinicalRecord, index: PatientIndexClient): Promise<Issue[]> {
  const { patient } = record;
  const answer = await ask('ГИП', 'пациент в ГИП', 'patient.snils', () => index.patient(patient.snils));
  if (!answer.answered || !answer.value) return answer.notes; // an unknown patient is created by REMD
  const differs = identityDifferences(patient, answer.value);
  if (!differs.length) return answer.notes;
  return [...answer.notes, preflightIssue('PREFLIGHT_PATIENT_INDEX_MISMATCH', 'patient.snils', { snils: patient.snils, differs: differs.join(', ') })];
}

/** `earlier`: this patient's sent documents (by SNILS or MIS id), newest first. */
export function checkPatientHistory(record: ClinicalRecord, earlier: readonly VisitRow[]): Issue[] {
  const { patient } = record;
  const issues: Issue[] = [];
  const sameSnils = earlier.find((row) => row.patientSnils === patient.snils);
  if (sameSnils) {
    const differs = identityDifferences(patient, {
      lastName: sameSnils.patientLastName, firstName: sameSnils.patientFirstName,
      middleName: sameSnils.patientMiddleName, birthDate: sameSnils.patientBirthDate,
    });
    if (differs.length) {
      issues.push(preflightIssue('PREFLIGHT_PATIENT_HISTORY_MISMATCH', 'patient.snils', {
        snils: patient.snils, differs: differs.join(', '), date: sameSnils.createdAt.slice(0, 10),
      }));
    }
  }
  const sameCard = patient.localId ? earlier.find((row) => row.patientLocalId === patient.localId) : undefined;
  if (sameCard && sameCard.patientSnils !== patient.snils) {
    issues.push(preflightIssue('PREFLIGHT_PATIENT_SNILS_CHANGED', 'patient.snils', {
      localId: patient.localId!, earlier: sameCard.patientSnils, date: sameCard.createdAt.slice(0, 10),
    }));
  }
  return issues;
}
