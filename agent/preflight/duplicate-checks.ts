/**
 * The seed article's error 5, «один и тот же визит внесён дважды»: compares
 * the visit's fingerprint with what was already sent for this patient, kind
 * and doctor, about the same thing (one specimen, drug or case: documentSubject).
 *   same date, same content      → warning «этот визит уже отправлен» (the user may mean it);
 *   same date, other content     → a correction: the next version of that document;
 *   same conclusion, other date  → error: the same visit under another date.
 */
import type { Issue } from '../../shared/validate/issue.ts';
import type { DocumentIdentity } from '../semd/document-identity.ts';
import { preflightIssue } from './preflight-catalogue.ts';
import { readDetails } from './visit-details.ts';
import type { VisitFingerprint } from './visit-fingerprint.ts';
import type { VisitRow } from './visit-history.ts';

export interface SentVisit extends VisitRow {
  emdrId?: string;
}

export interface DuplicateVerdict {
  issues: Issue[];
  /** Set when the document should go as a new version of an earlier one. */
  identity?: Omit<DocumentIdentity, 'localUid'>;
}

export function checkDuplicates(
  fingerprint: VisitFingerprint, conclusionHash: string, sent: readonly SentVisit[], lastVersion: (setId: string) => number, subject = '',
): DuplicateVerdict {
  const same = sent.filter((v) => v.patientSnils === fingerprint.patientSnils && v.kind === fingerprint.kind && v.doctorSnils === fingerprint.doctorSnils
    && (readDetails(v.details)?.subject ?? '') === subject);
  const exact = same.find((v) => v.visitDate === fingerprint.visitDate && v.contentHash === fingerprint.contentHash);
  if (exact) return { issues: [preflightIssue('PREFLIGHT_DUPLICATE_VISIT', 'encounter.visitDate', { ref: reference(exact) })] };
  const sameDay = same.find((v) => v.visitDate === fingerprint.visitDate);
  if (sameDay) {
    const versionNumber = lastVersion(sameDay.setId) + 1;
    return {
      issues: [preflightIssue('PREFLIGHT_NEW_VERSION', 'encounter.visitDate', { ref: reference(sameDay), version: versionNumber })],
      identity: { setId: sameDay.setId, versionNumber },
    };
  }
  const otherDay = same.find((v) => v.conclusionHash === conclusionHash);
  if (otherDay) {
    return { issues: [preflightIssue('PREFLIGHT_VISIT_OTHER_DATE', 'encounter.visitDate', { earlierDate: russianDay(otherDay.visitDate), ref: reference(otherDay) })] };
  }
  return { issues: [] };
}

const russianDay = (day: string) => day.split('-').reverse().join('.');

/** «документ от 26.11.2026, рег. № …» — the earlier registration, as the user can find it. */
function reference(v: SentVisit): string {
  const registered = v.emdrId ? `, регистрационный номер РЭМД ${v.emdrId}` : `, идентификатор ${v.localUid}`;
  return `документ от ${russianDay(v.createdAt.slice(0, 10))}${registered}`;
}
