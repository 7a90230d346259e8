/**
 * Where on the form a REMD error (NSI 305 code) points, so a rejection is
 * shown on the field the user has to fix rather than as a bare code.
 */
const pathByCode: Record<string, string> = {
  NO_SNILS: 'patient.snils',
  PATIENT_MPI_MISMATCH: 'patient.lastName',
  PATIENT_NAME_NOT_FOUND: 'patient.lastName',
  PERSON_NOT_FOUND: 'practitioner.snils',
  VALUE_MISMATCH_METADATA_AND_FRMR: 'practitioner.lastName',
  VALUE_MISMATCH_METADATA_AND_CERTIFICATE: 'practitioner.snils',
  PERSON_POST_IN_FRMR_MISMATCH: 'practitioner.positionCode',
  DOC_DATE_MISMATCH_CERT_NOT_AFTER: 'document.createdAt',
  DOC_DATE_MISMATCH_CERT_NOT_BEFORE: 'document.createdAt',
  WRONG_CREATION_DATE: 'document.createdAt',
  NO_RMIS: 'organization.oid',
  DISABLED_RMIS: 'organization.oid',
};

export function pathForRemdCode(code: string): string | undefined {
  return pathByCode[code];
}
