/**
 * A visit's fingerprint for duplicate detection: who (patient SNILS, doctor
 * SNILS), what kind, when (the visit date), and a hash of the normalised
 * clinical content (diagnoses and conclusion) — so whitespace, case and the
 * order of diagnoses do not make a "new" visit, and the date is compared apart.
 */
import { createHash } from 'node:crypto';
import type { ClinicalRecord } from '../../shared/domain/record.ts';

export interface VisitFingerprint {
  patientSnils: string;
  kind: string;
  doctorSnils: string;
  visitDate: string;
  /** SHA-256 hex of the normalised content, without the date. */
  contentHash: string;
}

const normalText = (s: string | undefined) => (s ?? '').toLowerCase().replace(/ё/g, 'е').replace(/[\s\p{P}]+/gu, ' ').trim();

export function visitFingerprint(record: ClinicalRecord): VisitFingerprint {
  const { patient, practitioner, document, encounter } = record;
  const diagnoses = encounter.diagnoses.map((d) => `${d.role}:${d.code.toUpperCase().trim()}`).sort();
  const content = JSON.stringify({ diagnoses, conclusion: normalText(encounter.conclusion), complaints: normalText(encounter.complaints) });
  return {
    patientSnils: patient.snils,
    kind: document.kind,
    doctorSnils: practitioner.snils,
    visitDate: encounter.visitDate,
    contentHash: createHash('sha256').update(content).digest('hex'),
  };
}

/** The conclusion alone, normalised: "the same protocol" even with another diagnosis. */
export function conclusionHash(record: ClinicalRecord): string {
  return createHash('sha256').update(normalText(record.encounter.conclusion)).digest('hex');
}
