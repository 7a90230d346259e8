/**
 * Treatment cases of a patient, from the sent visits in the visit history
 * and the user's edits (moves, closures), with what was already sent to the
 * IEMK. Edits and IEMK progress live in <dataDir>/preflight.sqlite next to
 * the visit history.
 */
import Database from 'better-sqlite3';
import { groupIntoCases, type CaseEdits } from './case-grouping.ts';
import { isCaseDocument, visitsOf, withCaseDocuments, type BookCase, type BookDocument } from './case-visits.ts';
import { readDetails } from './visit-details.ts';
import type { VisitHistory, VisitRow } from './visit-history.ts';

export type { BookCase, BookDocument, BookVisit } from './case-visits.ts';

export interface IemkProgress {
  opened: boolean;
  closed: boolean;
  /** The visits sent as steps (their ids). */
  steps: string[];
  /** Each document the IEMK has (its first version's localUid) → the version it has. */
  documents?: Record<string, number>;
  /** Each visit sent as a step → the main diagnosis (МКБ-10) the IEMK has for it. */
  diagnoses?: Record<string, string>;
}

const schema = `
CREATE TABLE IF NOT EXISTS case_moves (local_uid TEXT PRIMARY KEY, case_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS case_closures (case_id TEXT PRIMARY KEY, close_date TEXT NOT NULL, result TEXT);
CREATE TABLE IF NOT EXISTS case_iemk (case_id TEXT PRIMARY KEY, progress TEXT NOT NULL);`;

/**
 * One document per set: a correction (the next version) replaces what its
 * set says, under the first version's localUid, so the visit it belongs to
 * and what the IEMK has of it stay with it (the IEMK record is replaced).
 */
function latestVersions(rows: readonly VisitRow[]): { row: VisitRow; identity: string; since: string }[] {
  const sets = new Map<string, { row: VisitRow; first: VisitRow }>();
  for (const row of rows) {
    const seen = sets.get(row.setId);
    if (!seen) sets.set(row.setId, { row, first: row });
    else {
      if (row.versionNumber > seen.row.versionNumber) seen.row = row;
      if (row.versionNumber < seen.first.versionNumber) seen.first = row;
    }
  }
  return [...sets.values()].map(({ row, first }) => ({ row, identity: first.localUid, since: first.createdAt }));
}

export class CaseBook {
  private readonly db: Database.Database;
  private readonly history: VisitHistory;
  private readonly isSent: (localUid: string) => Promise<boolean>;

  constructor(file: string, history: VisitHistory, isSent: (localUid: string) => Promise<boolean>) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    this.history = history;
    this.isSent = isSent;
  }

  /**
   * The patient's cases, oldest first, of their visits (the documents of one
   * day and doctor together); only documents signed and queued or registered.
   */
  async cases(patientSnils: string, today: string): Promise<BookCase[]> {
    return (await this.casesAndUnmatched(patientSnils, today)).cases;
  }

  /** The patient's cases, and the epicrises that fit none of them (the user puts each into a case). */
  async casesAndUnmatched(patientSnils: string, today: string): Promise<{ cases: BookCase[]; unmatched: BookDocument[] }> {
    const rows = this.history.forPatient(patientSnils);
    const sent = await Promise.all(rows.map((r) => this.isSent(r.localUid).catch(() => false)));
    const documents = latestVersions(rows.filter((_, i) => sent[i])).flatMap(({ row, identity, since }): BookDocument[] => {
      const details = readDetails(row.details);
      return details ? [{ localUid: identity, since, row, details }] : [];
    });
    const edits = this.edits();
    const grouped = visitsOf(documents.filter((d) => !isCaseDocument(d)));
    // A case's id is one of its visits' ids, the MIS's case id or a case a visit was moved to.
    const sentIn = this.stepsSent(grouped.flatMap((v) => [v.localUid, v.misCaseId ?? [], edits.moves.get(v.localUid) ?? []].flat()));
    // A visit the IEMK has as a step stays in that case, as if the MIS had named it: a corrected diagnosis of
    // another МКБ-10 category, or an earlier visit written later, must not regroup it (no call moves a step).
    const visits = grouped.map((v) => (v.misCaseId || !sentIn.has(v.localUid) ? v : { ...v, misCaseId: sentIn.get(v.localUid)! }));
    const cases = groupIntoCases(visits, edits, today);
    const booked = withCaseDocuments(cases, documents.filter(isCaseDocument), edits.moves);
    return { cases: booked.cases.sort((a, b) => a.openDate.localeCompare(b.openDate)), unmatched: booked.unmatched };
  }

  /** Moves a visit (or an epicrisis) into a case; caseId undefined: back to the rules. */
  move(localUid: string, caseId: string | undefined): void {
    if (caseId === undefined) this.db.prepare('DELETE FROM case_moves WHERE local_uid = ?').run(localUid);
    else this.db.prepare('INSERT OR REPLACE INTO case_moves (local_uid, case_id) VALUES (?, ?)').run(localUid, caseId);
  }

  /** Whose case this is: a visit's own case, the MIS's case id, or a case a visit was moved to. */
  patientOf(caseId: string): string | undefined {
    const moved = this.db.prepare('SELECT local_uid FROM case_moves WHERE case_id = ? LIMIT 1').get(caseId) as { local_uid: string } | undefined;
    return this.history.patientOfCase(caseId) ?? (moved && this.history.get(moved.local_uid)?.patientSnils);
  }

  close(caseId: string, closeDate: string, result?: string): void {
    this.db.prepare('INSERT OR REPLACE INTO case_closures (case_id, close_date, result) VALUES (?, ?, ?)').run(caseId, closeDate, result ?? null);
  }

  /** The case result the user gave on closing, if any (IEMK IdCaseResult). */
  closureResult(caseId: string): string | undefined {
    const row = this.db.prepare('SELECT result FROM case_closures WHERE case_id = ?').get(caseId) as { result: string | null } | undefined;
    return row?.result ?? undefined;
  }

  iemkProgress(caseId: string): IemkProgress {
    const row = this.db.prepare('SELECT progress FROM case_iemk WHERE case_id = ?').get(caseId) as { progress: string } | undefined;
    return row ? (JSON.parse(row.progress) as IemkProgress) : { opened: false, closed: false, steps: [] };
  }

  saveIemkProgress(caseId: string, progress: IemkProgress): void {
    this.db.prepare('INSERT OR REPLACE INTO case_iemk (case_id, progress) VALUES (?, ?)').run(caseId, JSON.stringify(progress));
  }

  closeDb(): void {
    this.db.close();
  }

  /** Each visit sent as a step → the case it was sent with, among these cases. */
  private stepsSent(caseIds: readonly string[]): Map<string, string> {
    const sentIn = new Map<string, string>();
    for (const caseId of new Set(caseIds)) {
      for (const step of this.iemkProgress(caseId).steps) if (!sentIn.has(step)) sentIn.set(step, caseId);
    }
    return sentIn;
  }

  private edits(): CaseEdits {
    const moves = this.db.prepare('SELECT local_uid, case_id FROM case_moves').all() as { local_uid: string; case_id: string }[];
    const closures = this.db.prepare('SELECT case_id, close_date FROM case_closures').all() as { case_id: string; close_date: string }[];
    return {
      moves: new Map(moves.map((m) => [m.local_uid, m.case_id])),
      closures: new Map(closures.map((c) => [c.case_id, c.close_date])),
    };
  }
}
