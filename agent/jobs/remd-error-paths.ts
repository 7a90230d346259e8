/**
 * Where on the form a REMD error (NSI 305 code) points, so a rejection is
 * shown on the field the user has to fix rather than as a bare code. A
 * Schematron finding (VALIDATION_ERROR whose text names the rule and the
 * element, egisz.md §6) points where the agent's own check would: a care
 * fact, or a record field by the element's path.
 */
import { fieldPathOf } from '../semd/semd-field-paths.ts';

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

/** «…: У3-4. Элемент … должен … /ClinicalDocument/…»: the rule id (as in the .sch texts) and the element's path. */
const schematronText = /(?:^|:\s)([^\s.:]+-\d+(?:\.\d+)?)\.\s.*\s(\/ClinicalDocument\S*)\s*$/;
const findingCodes: readonly string[] = ['VALIDATION_ERROR', 'XML_VALIDATION_ERROR'];

/** The field an error of this kind's document points at: by code, else by the Schematron finding it reports. */
export function pathForRemdError(error: { code: string; message: string }, kind?: string): string | undefined {
  const byCode = pathByCode[error.code];
  if (byCode || kind === undefined || !findingCodes.includes(error.code)) return byCode;
  const finding = schematronText.exec(error.message);
  return finding ? fieldPathOf({ kind, ruleId: finding[1]!, location: finding[2]! }) : undefined;
}
