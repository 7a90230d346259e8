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
  // The kind's own part counts too: a corrected lab result or case is another content of the same document.
  const content = JSON.stringify({
    diagnoses, conclusion: normalText(encounter.conclusion), complaints: normalText(encounter.complaints), part: canonicalJson(kindPart(record)),
  });
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

/** The part of the record only this kind's document carries. */
function kindPart(record: ClinicalRecord): unknown {
  if (record.document.kind === '185') return record.referral;
  if (record.document.kind === '174') return record.study;
  if (record.document.kind === '186') return record.laboratory;
  if (record.document.kind === '148') return record.prescription;
  if (record.document.kind === '42') return record.ambulatoryCase;
  return undefined;
}

/**
 * What a document is about besides its patient, doctor and day: a referral
 * is about where and what for (two referrals from one visit are two
 * documents), a study protocol about its study, a laboratory protocol about
 * one specimen and study, a prescription about one drug on one day (a repeat
 * prescription another day is a new one), an epicrisis about one case; a
 * consultation is about the visit (''). Documents about different things are
 * neither duplicates nor versions of each other.
 */
export function documentSubject(record: ClinicalRecord): string {
  const { document, laboratory, prescription, encounter, referral, study } = record;
  if (document.kind === '185' && referral) {
    return `referral:${referral.organization.oid}:${typeof referral.service === 'string' ? normalText(referral.service) : referral.service.code}`;
  }
  if (document.kind === '174' && study) return `study:${study.service.code}`;
  if (document.kind === '186' && laboratory) return `specimen:${laboratory.specimen.id}:${laboratory.service.code}`;
  if (document.kind === '148' && prescription) return `drug:${prescription.drug.code}:${encounter.visitDate}`;
  if (document.kind === '42') return `case:${encounter.caseId ?? encounter.openDate ?? ''}`;
  return '';
}

/** JSON with object keys sorted, so the order the MIS page gave them in does not matter. */
function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);
}
