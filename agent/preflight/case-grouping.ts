/**
 * From visits to treatment cases («от учёта визитов к учёту случаев»): a
 * visit joins the patient's open case when its main diagnosis is in the same
 * МКБ-10 category (J06.9 and J06.0 are one illness) and it comes within
 * CASE_GAP_DAYS of the case's last visit; otherwise it opens a new case. A
 * case id the MIS gives (encounter.caseId) wins. The user's edits — moving a
 * visit to another case or to a case of its own, closing a case — are
 * applied on top. A case with no visit for CASE_GAP_DAYS is closed on its
 * last visit's day.
 */
export const CASE_GAP_DAYS = 30;

export interface CaseVisit {
  localUid: string;
  patientSnils: string;
  /** YYYY-MM-DD. */
  visitDate: string;
  mainDiagnosis: string;
  misCaseId?: string;
}

export interface CaseEdits {
  /** localUid → the case it was moved to (its own localUid: a case of its own). */
  moves: ReadonlyMap<string, string>;
  /** caseId → the day the user closed it. */
  closures: ReadonlyMap<string, string>;
}

export interface TreatmentCase<V extends CaseVisit = CaseVisit> {
  caseId: string;
  patientSnils: string;
  /** МКБ-10 category of the first visit's main diagnosis, e.g. J06. */
  category: string;
  openDate: string;
  lastVisitDate: string;
  closeDate?: string;
  closedBy?: 'user' | 'gap';
  visits: V[];
}

export const mkbCategory = (code: string) => code.trim().toUpperCase().slice(0, 3);

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function groupIntoCases<V extends CaseVisit>(visits: readonly V[], edits: CaseEdits, today: string): TreatmentCase<V>[] {
  const byDate = [...visits].sort((a, b) => a.visitDate.localeCompare(b.visitDate) || a.localUid.localeCompare(b.localUid));
  const cases = new Map<string, TreatmentCase<V>>();
  const open = (caseId: string, v: V) => {
    const c: TreatmentCase<V> = { caseId, patientSnils: v.patientSnils, category: mkbCategory(v.mainDiagnosis), openDate: v.visitDate, lastVisitDate: v.visitDate, visits: [] };
    cases.set(caseId, c);
    return c;
  };
  // Rules first; the user's moves after, so a move may target a case opened by a later visit.
  for (const v of byDate.filter((x) => !edits.moves.has(x.localUid))) {
    const target = v.misCaseId
      ? cases.get(v.misCaseId) ?? open(v.misCaseId, v)
      : [...cases.values()].find((c) => joins(c, v, edits)) ?? open(v.localUid, v);
    target.visits.push(v);
    target.lastVisitDate = maxDay(target.lastVisitDate, v.visitDate);
  }
  for (const v of byDate.filter((x) => edits.moves.has(x.localUid))) {
    const caseId = edits.moves.get(v.localUid)!;
    (cases.get(caseId) ?? open(caseId, v)).visits.push(v);
  }
  return [...cases.values()].filter((c) => c.visits.length).map((c) => settle(c, edits, today));
}

function joins(c: TreatmentCase, v: CaseVisit, edits: CaseEdits): boolean {
  const closedOn = edits.closures.get(c.caseId);
  return c.patientSnils === v.patientSnils
    && c.category === mkbCategory(v.mainDiagnosis)
    && (!closedOn || v.visitDate <= closedOn)
    && v.visitDate <= addDays(c.lastVisitDate, CASE_GAP_DAYS);
}

const maxDay = (a: string, b: string) => (a > b ? a : b);

function settle<V extends CaseVisit>(c: TreatmentCase<V>, edits: CaseEdits, today: string): TreatmentCase<V> {
  const days = c.visits.map((v) => v.visitDate).sort();
  const settled: TreatmentCase<V> = { ...c, openDate: days[0]!, lastVisitDate: days.at(-1)! };
  const closedOn = edits.closures.get(c.caseId);
  if (closedOn) return { ...settled, closeDate: closedOn, closedBy: 'user' };
  if (today > addDays(settled.lastVisitDate, CASE_GAP_DAYS)) return { ...settled, closeDate: settled.lastVisitDate, closedBy: 'gap' };
  return settled;
}
