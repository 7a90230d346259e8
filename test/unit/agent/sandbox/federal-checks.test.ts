import { describe, expect, it } from 'vitest';
import type { RegisterDocumentRequest } from '../../../../agent/egisz/remd/register-document.ts';
import type { ParsedCertificate } from '../../../../agent/signing/certificate.ts';
import { checkPatientInMpi, checkStaffInFrmr } from '../../../../agent/sandbox/federal-checks.ts';
import { loadFederalDataset } from '../../../../agent/sandbox/federal-dataset.ts';
import { sampleRequest } from '../egisz/remd/sample-request.ts';

const dataset = loadFederalDataset();
const certWith = (snils: string) => ({ subject: { snils, surname: 'Иванова' } }) as unknown as ParsedCertificate;

const staffCodes = (change: (r: RegisterDocumentRequest) => void, certSnils = '11223344595') => {
  const request = sampleRequest();
  change(request);
  const verified = request.personalSignatures.map((signature) => ({ signature, certificate: certWith(certSnils) }));
  return checkStaffInFrmr(dataset, request, verified).map((e) => e.code);
};

describe('federal-checks: FRMR', () => {
  it.each<[string, (r: RegisterDocumentRequest) => void, string, string[]]>([
    ['the demo doctor', () => {}, '11223344595', []],
    ['a certificate SNILS unknown to FRMR', () => {}, '08765432102', ['PERSON_NOT_FOUND']],
    ['a name that FRMR spells otherwise', (r) => { r.personalSignatures[0]!.signer.middleName = 'Павловна'; }, '11223344595', ['VALUE_MISMATCH_METADATA_AND_FRMR']],
    ['another position', (r) => { r.personalSignatures[0]!.signer.position = '110'; }, '11223344595', ['PERSON_POST_IN_FRMR_MISMATCH']],
    ['no card on the creation date', (r) => { r.creationDateTime = '2014-01-10T10:00:00+03:00'; }, '11223344595', ['PERSON_CARD_NOT_FOUND']],
  ])('%s', (_name, change, certSnils, expected) => {
    expect(staffCodes(change, certSnils)).toEqual(expected);
  });
});

describe('federal-checks: ГИП', () => {
  it.each<[string, (r: RegisterDocumentRequest) => void, string[]]>([
    ['a known patient as registered', () => {}, []],
    ['a patient ГИП does not know yet (created there)', (r) => { r.patient.snils = '12345678964'; }, []],
    ['another birth date', (r) => { r.patient.birthDate = '1980-05-15'; }, ['PATIENT_MPI_MISMATCH']],
    ['another gender', (r) => { r.patient.gender = 'female'; }, ['PATIENT_MPI_MISMATCH']],
  ])('%s', (_name, change, expected) => {
    const request = sampleRequest();
    change(request);
    expect(checkPatientInMpi(dataset, request).map((e) => e.code)).toEqual(expected);
  });
});
