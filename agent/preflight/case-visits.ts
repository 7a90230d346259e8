/**
 * From documents to visits: a consultation, the referral, prescription and
 * lab or study protocol written with it are one visit — the same patient,
 * day, doctor and organization, as an IEMK step (StepAmb: dates and Doctor)
 * models it. The epicrisis (42) is about the case, not a visit: it rides
 * with the case its diagnosis and date fall in.
 */
import { CASE_GAP_DAYS, mkbCategory, type CaseVisit, type TreatmentCase } from './case-grouping.ts';
import type { VisitDetails } from './visit-details.ts';
import type { VisitRow } from './visit-history.ts';

/** A sent document: the latest version of its set, under its first version's localUid. */
export interface BookDocument {
  /** The first version's localUid: the document's identity for the IEMK (IdDocumentMis). */
  localUid: string;
  /** The first version's creation time: a correction keeps the document's place in its visit. */
  since: string;
  row: VisitRow;
  details: VisitDetails;
}

export interface BookVisit extends CaseVisit {
  /** The visit's main document (its consultation when there is one): the diagnosis and doctor of the step. */
  row: VisitRow;
  details: VisitDetails;
  /** Every document of the visit, oldest first. */
  documents: BookDocument[];
}

export interface BookCase extends TreatmentCase<BookVisit> {
  /** Documents about the case as a whole: the epicrisis, sent to the IEMK when the case closes. */
  caseDocuments: BookDocument[];
}

/** Documents of the case as a whole rather than of a visit. */
export const isCaseDocument = (d: BookDocument) => d.row.kind === '42';

const visitKey = (d: BookDocument) => [d.row.patientSnils, d.row.visitDate, d.row.doctorSnils, d.details.organizationOid].join('|');
// Written in the same second (signed together at the end of a visit), the consultation leads.
const consultationFirst = (d: BookDocument) => (d.row.kind === '119' ? 0 : 1);
const byCreation = (a: BookDocument, b: BookDocument) =>
  a.since.localeCompare(b.since) || consultationFirst(a) - consultationFirst(b) || a.localUid.localeCompare(b.localUid);

/**
 * The visits of these documents. A visit's id is its first document's
 * localUid (the consultation's, written first): the IEMK step's IdStepMis and
 * what the user moves between cases.
 */
export function visitsOf(documents: readonly BookDocument[]): BookVisit[] {
  const groups = new Map<string, BookDocument[]>();
  for (const d of [...documents].sort(byCreation)) {
    const group = groups.get(visitKey(d));
    if (group) group.push(d);
    else groups.set(visitKey(d), [d]);
  }
  return [...groups.values()].map((docs) => {
    const main = docs.find((d) => d.row.kind === '119') ?? docs[0]!;
    const misCaseId = main.row.caseId ?? docs.find((d) => d.row.caseId)?.row.caseId;
    return {
      localUid: docs[0]!.localUid, patientSnils: main.row.patientSnils, visitDate: main.row.visitDate, mainDiagnosis: main.details.mainDiagnosis,
      ...(misCaseId ? { misCaseId } : {}), row: main.row, details: main.details, documents: docs,
    };
  });
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Each case with its epicrises: where the user put it wins, then the MIS's
 * case id; otherwise the latest case of the same МКБ-10 category that was
 * open on the epicrisis's date. One that fits no case is answered apart
 * (`unmatched`): the cases page shows it, and the user puts it into a case.
 */
export function withCaseDocuments(
  cases: readonly TreatmentCase<BookVisit>[], epicrises: readonly BookDocument[], moves: ReadonlyMap<string, string> = new Map(),
): { cases: BookCase[]; unmatched: BookDocument[] } {
  const booked: BookCase[] = cases.map((c) => ({ ...c, caseDocuments: [] }));
  const unmatched: BookDocument[] = [];
  for (const d of epicrises) {
    const day = d.row.visitDate;
    // A case the gap closed ended on its last visit, but its epicrisis may come within the gap.
    const until = (c: BookCase) => (c.closedBy === 'user' ? c.closeDate! : addDays(c.lastVisitDate, CASE_GAP_DAYS));
    const fits = (c: BookCase) => c.category === mkbCategory(d.details.mainDiagnosis) && c.openDate <= day && day <= until(c);
    const named = (caseId: string | undefined) => (caseId === undefined ? undefined : booked.find((c) => c.caseId === caseId));
    const target = named(moves.get(d.localUid)) ?? named(d.row.caseId)
      ?? booked.filter(fits).sort((a, b) => b.openDate.localeCompare(a.openDate))[0];
    if (target) target.caseDocuments.push(d);
    else unmatched.push(d);
  }
  return { cases: booked, unmatched };
}
