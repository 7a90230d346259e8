/**
 * The registration against the federal registries (egisz.md §5 «Practical
 * checks»): the signer from the certificate in FRMR with a card at this
 * organization and the stated position; the patient as ГИП knows them.
 */
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { RegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import { activeOn, findPatient, findStaff } from './federal-dataset.ts';
import type { FederalDataset } from './federal-dataset.ts';
import type { VerifiedSignature } from './signature-checks.ts';
import type { ParsedCertificate } from '../signing/certificate.ts';

const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

export function checkStaffInFrmr(dataset: FederalDataset, request: RegisterDocumentRequest, verified: VerifiedSignature[]): RemdErrorItem[] {
  const errors: RemdErrorItem[] = [];
  const day = request.creationDateTime.slice(0, 10);
  for (const { signature, certificate } of verified) {
    const snils = certificate.subject.snils ?? signature.signer.snils;
    const staff = findStaff(dataset, snils);
    if (!staff) {
      errors.push(remdError('PERSON_NOT_FOUND', `В ФРМР не найден сотрудник со СНИЛС [${snils}]`));
      continue;
    }
    const { signer } = signature;
    if (!same(staff.lastName, signer.lastName) || !same(staff.firstName, signer.firstName) || !same(staff.middleName, signer.middleName)) {
      errors.push(remdError('VALUE_MISMATCH_METADATA_AND_FRMR', `ФИО сотрудника со СНИЛС [${snils}] не соответствует ФРМР`));
    }
    const cards = staff.cards.filter((c) => c.organization === request.organization && activeOn(day, c.beginDate, c.endDate));
    if (!cards.length) {
      errors.push(remdError('PERSON_CARD_NOT_FOUND', `личное дело сотрудника со СНИЛС [${snils}] в организации [${request.organization}] отсутствует`));
    } else if (signer.position && !cards.some((c) => c.positionCode === signer.position)) {
      errors.push(remdError('PERSON_POST_IN_FRMR_MISMATCH', `Указанная должность [${signer.position}] сотрудника со СНИЛС [${snils}]`));
    }
  }
  return errors;
}

/** A certificate the dataset lists as revoked before now (REMD answers revocation in text only). */
export function revocationErrors(dataset: FederalDataset, certificate: ParsedCertificate, now: Date): RemdErrorItem[] {
  const serial = certificate.serialNumberHex.toLowerCase();
  const entry = dataset.revokedCertificates?.find((r) => r.serialNumber.toLowerCase().replace(/^0+/, '') === serial.replace(/^0+/, ''));
  if (!entry || new Date(entry.revokedAt) > now) return [];
  return [remdError('SIGNATURE_VERIFICATION_ERROR', `Сертификат [${certificate.serialNumberHex}] отозван [${entry.revokedAt}]`)];
}

/** A patient unknown to ГИП is created there, as REMD does; a known one must match. */
export function checkPatientInMpi(dataset: FederalDataset, { patient }: RegisterDocumentRequest): RemdErrorItem[] {
  const known = findPatient(dataset, patient.snils);
  if (!known) return [];
  const differs: string[] = [];
  if (!same(known.lastName, patient.lastName)) differs.push('фамилия');
  if (!same(known.firstName, patient.firstName)) differs.push('имя');
  if (!same(known.middleName, patient.middleName)) differs.push('отчество');
  if (known.birthDate !== patient.birthDate) differs.push('дата рождения');
  if (known.gender !== patient.gender) differs.push('пол');
  if (!differs.length) return [];
  return [remdError('PATIENT_MPI_MISMATCH', `Указанное значение [${differs.join(', ')}] пациента со СНИЛС [${patient.snils}] не соответствует данным ГИП`)];
}
