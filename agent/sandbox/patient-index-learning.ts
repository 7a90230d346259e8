/**
 * ГИП learns the patients REMD registers: a patient unknown to the index is
 * created there on the first successful registration (federal-checks.ts lets
 * the unknown through). From then on another name or birth date under the
 * same SNILS is PATIENT_MPI_MISMATCH — the seed article's «пациент числится
 * как два разных человека» after a visit was sent twice with different data.
 */
import type { RegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import { findPatient, type FederalDataset } from './federal-dataset.ts';

export function rememberPatient(dataset: FederalDataset, { patient }: RegisterDocumentRequest): void {
  if (!patient.snils || findPatient(dataset, patient.snils)) return;
  dataset.patients.push({
    snils: patient.snils, lastName: patient.lastName, firstName: patient.firstName,
    ...(patient.middleName ? { middleName: patient.middleName } : {}),
    birthDate: patient.birthDate, gender: patient.gender,
  });
}
