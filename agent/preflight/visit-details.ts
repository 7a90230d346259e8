/**
 * The part of a visit that case grouping and the IEMK need beyond the
 * fingerprint: diagnoses, the doctor, the organization and the patient's MIS
 * id. Kept as JSON in the visit history (owner-only file, like the outbox).
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import { documentSubject } from './visit-fingerprint.ts';

export interface VisitDetails {
  mainDiagnosis: string;
  diagnoses: { code: string; main: boolean }[];
  organizationOid: string;
  patientLocalId?: string;
  doctor: { localId?: string; lastName: string; firstName: string; middleName?: string; positionCode?: string; specialtyCode?: string };
  /** What the document is about beyond the visit (visit-fingerprint.ts documentSubject), when it is not the visit itself. */
  subject?: string;
}

export function visitDetails(record: ClinicalRecord): VisitDetails {
  const { encounter, practitioner: p, organization, patient } = record;
  const main = encounter.diagnoses.find((d) => d.role === 'main') ?? encounter.diagnoses[0];
  const subject = documentSubject(record);
  return {
    mainDiagnosis: main?.code ?? '',
    diagnoses: encounter.diagnoses.map((d) => ({ code: d.code, main: d === main })),
    organizationOid: organization.oid,
    ...(patient.localId ? { patientLocalId: patient.localId } : {}),
    doctor: { localId: p.localId, lastName: p.lastName, firstName: p.firstName, middleName: p.middleName, positionCode: p.positionCode, specialtyCode: p.specialtyCode },
    ...(subject ? { subject } : {}),
  };
}

export function readDetails(json: string | undefined): VisitDetails | undefined {
  try {
    return json ? (JSON.parse(json) as VisitDetails) : undefined;
  } catch {
    return undefined;
  }
}
