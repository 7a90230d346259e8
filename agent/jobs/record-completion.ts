/**
 * Completes a scraped record with what the MIS page does not show but the
 * agent knows from its configuration: the organization, the practitioner's
 * position and specialty, the creation time and a fresh localUid; a closed
 * case's clinic settings from the care facts.
 */
import { randomUUID } from 'node:crypto';
import type { DraftRecord, Organization, Practitioner } from '../../shared/domain/record.ts';
import type { CareFacts } from '../semd/care-facts.ts';
import { caseWithCareFacts } from '../semd/case-care-facts.ts';

export interface ClinicContext {
  organization: Organization;
  /** Practitioners of this workstation, matched by SNILS. */
  staff: readonly Practitioner[];
  /** What the SEMD templates need beyond the record (visit kind, place, payment source…): the clinic's defaults. */
  careFacts?: CareFacts;
}

export function completeRecord(draft: DraftRecord, clinic: ClinicContext, now: Date): DraftRecord {
  const known = clinic.staff.find((p) => p.snils === draft.practitioner?.snils);
  return {
    ...draft,
    organization: { ...clinic.organization, ...draft.organization },
    practitioner: {
      ...draft.practitioner,
      positionCode: draft.practitioner?.positionCode ?? known?.positionCode,
      specialtyCode: draft.practitioner?.specialtyCode ?? known?.specialtyCode,
      birthDate: draft.practitioner?.birthDate ?? known?.birthDate,
      localId: draft.practitioner?.localId ?? known?.localId,
    },
    document: {
      ...draft.document,
      createdAt: draft.document?.createdAt ?? isoWithOffset(now),
      localUid: draft.document?.localUid ?? randomUUID(),
    },
    // A closed case (42) from a form: the clinic's visit kind, payment, diagnosis kinds and visit place.
    ...(isObject(draft.ambulatoryCase) ? { ambulatoryCase: caseWithCareFacts(draft.ambulatoryCase, clinic.careFacts) } : {}),
  };
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/** ISO 8601 in the machine's local time with its offset, e.g. 2026-11-26T10:15:00+03:00. */
export function isoWithOffset(at: Date): string {
  const offsetMin = -at.getTimezoneOffset();
  const local = new Date(at.getTime() + offsetMin * 60_000).toISOString().slice(0, 19);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
