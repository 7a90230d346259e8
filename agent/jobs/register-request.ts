/**
 * The registerDocument metadata for a signed record. REMD cross-checks every
 * one of these values against the SEMD and the registries, so they come from
 * the same record the document was built from.
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { RegisterDocumentRequest } from '../egisz/remd/register-document.ts';

/** NSI 1.2.643.5.1.13.13.99.2.368 role of the one personal signature on a consultation. */
export const SIGNER_ROLE = 'DOCTOR';

export function buildRegisterRequest(record: ClinicalRecord, signature: Uint8Array): RegisterDocumentRequest {
  const { patient, practitioner, organization, document } = record;
  return {
    localUid: document.localUid!,
    kind: document.kind,
    creationDateTime: document.createdAt,
    organization: organization.oid,
    department: organization.departmentOid,
    documentNumber: document.number,
    patient: {
      localId: patient.localId,
      snils: patient.snils,
      lastName: patient.lastName,
      firstName: patient.firstName,
      middleName: patient.middleName,
      birthDate: patient.birthDate,
      gender: patient.gender,
    },
    personalSignatures: [
      {
        signer: {
          localId: practitioner.localId,
          role: SIGNER_ROLE,
          lastName: practitioner.lastName,
          firstName: practitioner.firstName,
          middleName: practitioner.middleName,
          snils: practitioner.snils,
          position: practitioner.positionCode,
          speciality: practitioner.specialtyCode,
          department: organization.departmentOid,
        },
        signature: { data: Buffer.from(signature).toString('base64') },
      },
    ],
  };
}
