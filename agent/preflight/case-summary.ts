/**
 * A treatment case as the admin API and the extension's cases page show it:
 * the patient, the dates, the visits and what the IEMK already has.
 */
import type { CaseSummary } from '../../shared/protocol/messages.ts';
import type { BookVisit, CaseBook } from './case-book.ts';
import type { TreatmentCase } from './case-grouping.ts';

export function summarizeCase(c: TreatmentCase<BookVisit>, book: CaseBook): CaseSummary {
  const { row } = c.visits[0]!;
  return {
    caseId: c.caseId,
    patient: { snils: c.patientSnils, name: [row.patientLastName, row.patientFirstName, row.patientMiddleName].filter(Boolean).join(' ') },
    category: c.category, openDate: c.openDate,
    ...(c.closeDate ? { closeDate: c.closeDate } : {}), ...(c.closedBy ? { closedBy: c.closedBy } : {}),
    iemk: book.iemkProgress(c.caseId),
    visits: c.visits.map((v) => ({ localUid: v.localUid, visitDate: v.visitDate, mainDiagnosis: v.mainDiagnosis, kind: v.row.kind })),
  };
}
