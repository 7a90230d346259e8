/**
 * The extension's cases page over the paired WebSocket: `cases` lists a
 * patient's treatment cases (or those of patients seen lately), `case-edit`
 * moves, splits, merges or closes and answers with the patient's cases as
 * they are now, and the epicrises that fit none of them (`unmatched`). Every id an edit names must belong to that patient's cases:
 * the page's list may be stale, and the frame is not trusted.
 */
import { agentErrors, type AgentErrorCode } from '../../shared/protocol/error-catalogue.ts';
import type { AgentFrame, CaseEdit, ClientFrame } from '../../shared/protocol/messages.ts';
import type { BookCase, BookDocument, CaseBook } from './case-book.ts';
import { summarizeCase, summarizeUnmatched } from './case-summary.ts';
import type { IemkAutoSync } from './iemk-auto-sync.ts';
import type { VisitHistory } from './visit-history.ts';

export type CasesFrame = Extract<ClientFrame, { type: 'cases' | 'case-edit' }>;

export interface CasesFrameDeps {
  book: CaseBook;
  history: VisitHistory;
  sync?: IemkAutoSync;
  today?: () => string;
}

/** «Recent» on the cases page: patients with a document in this many days, at most RECENT_PATIENTS of them. */
const RECENT_DAYS = 30;
const RECENT_PATIENTS = 20;

export async function answerCasesFrame(frame: CasesFrame, deps: CasesFrameDeps, send: (f: AgentFrame) => void): Promise<void> {
  const today = deps.today?.() ?? new Date().toISOString().slice(0, 10);
  const reply = async (id: string, patients: string[]) => {
    const books = await Promise.all(patients.map((snils) => deps.book.casesAndUnmatched(snils, today)));
    const cases = books.flatMap((b) => b.cases.map((c) => summarizeCase(c, deps.book)));
    const unmatched = books.flatMap((b) => b.unmatched.map(summarizeUnmatched));
    send({ type: 'cases', id, cases, ...(unmatched.length ? { unmatched } : {}) });
  };
  if (frame.type === 'cases') {
    const since = new Date(Date.parse(`${today}T00:00:00Z`) - RECENT_DAYS * 86_400_000).toISOString();
    return reply(frame.id, frame.snils ? [frame.snils] : deps.history.patientsSince(since, RECENT_PATIENTS));
  }
  const refused = applyEdit(frame.edit, await deps.book.casesAndUnmatched(frame.snils, today), deps.book, today);
  if (refused) return send({ type: 'error', id: frame.id, code: refused, message: agentErrors[refused].message });
  deps.sync?.patientChanged(frame.snils);
  await reply(frame.id, [frame.snils]);
}

function applyEdit(edit: CaseEdit, { cases, unmatched }: { cases: BookCase[]; unmatched: BookDocument[] }, book: CaseBook, today: string): AgentErrorCode | undefined {
  const caseOf = (caseId: string) => cases.find((c) => c.caseId === caseId);
  const hasVisit = (localUid: string) => cases.some((c) => c.visits.some((v) => v.localUid === localUid));
  // An epicrisis moves like a visit: into a case, or back to the rules.
  const hasEpicrisis = (localUid: string) => [...unmatched, ...cases.flatMap((c) => c.caseDocuments)].some((d) => d.localUid === localUid);
  switch (edit.action) {
    case 'move':
      if (!(hasVisit(edit.localUid) || hasEpicrisis(edit.localUid)) || (edit.caseId !== undefined && !caseOf(edit.caseId))) return 'CASE_NOT_FOUND';
      return void book.move(edit.localUid, edit.caseId);
    case 'split':
      if (!hasVisit(edit.localUid)) return 'CASE_NOT_FOUND';
      return void book.move(edit.localUid, edit.localUid);
    case 'merge': {
      const from = caseOf(edit.caseId);
      if (!from || !caseOf(edit.intoCaseId) || edit.caseId === edit.intoCaseId) return 'CASE_NOT_FOUND';
      return void from.visits.forEach((v) => book.move(v.localUid, edit.intoCaseId));
    }
    case 'close': {
      const found = caseOf(edit.caseId);
      if (!found) return 'CASE_NOT_FOUND';
      // Not before its last visit (the IEMK refuses steps after the close), not in the future.
      if (edit.closeDate < found.lastVisitDate || edit.closeDate > today) return 'CASE_EDIT_INVALID';
      return void book.close(edit.caseId, edit.closeDate, edit.result);
    }
  }
}
