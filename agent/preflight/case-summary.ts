/**
 * A treatment case as the admin API and the extension's cases page show it:
 * the patient, the dates, the visits with their documents, the epicrisis and
 * what the IEMK already has.
 */
import { findDocumentKind } from '../../shared/dictionaries/document-kinds.ts';
import type { CaseDocumentSummary, CaseSummary, UnmatchedCaseDocument } from '../../shared/protocol/messages.ts';
import type { BookCase, BookDocument, CaseBook, IemkProgress } from './case-book.ts';

function summarizeDocument(d: BookDocument, iemk: IemkProgress): CaseDocumentSummary {
  return {
    localUid: d.localUid, kind: d.row.kind, title: findDocumentKind(d.row.kind)?.name ?? `СЭМД вида ${d.row.kind}`,
    versionNumber: d.row.versionNumber, inIemk: iemk.documents?.[d.localUid] === d.row.versionNumber,
  };
}

const patientOf = (row: BookDocument['row']) => ({
  snils: row.patientSnils, name: [row.patientLastName, row.patientFirstName, row.patientMiddleName].filter(Boolean).join(' '),
});

/** An epicrisis in no case: nothing of it is in the IEMK. */
export function summarizeUnmatched(d: BookDocument): UnmatchedCaseDocument {
  return {
    ...summarizeDocument(d, { opened: false, closed: false, steps: [] }),
    patient: patientOf(d.row), date: d.row.visitDate, mainDiagnosis: d.details.mainDiagnosis,
  };
}

export function summarizeCase(c: BookCase, book: CaseBook): CaseSummary {
  const iemk = book.iemkProgress(c.caseId);
  return {
    caseId: c.caseId,
    patient: patientOf(c.visits[0]!.row),
    category: c.category, openDate: c.openDate,
    ...(c.closeDate ? { closeDate: c.closeDate } : {}), ...(c.closedBy ? { closedBy: c.closedBy } : {}),
    iemk: { opened: iemk.opened, closed: iemk.closed, steps: iemk.steps },
    visits: c.visits.map((v) => ({
      localUid: v.localUid, visitDate: v.visitDate, mainDiagnosis: v.mainDiagnosis, kind: v.row.kind,
      doctor: [v.details.doctor.lastName, v.details.doctor.firstName, v.details.doctor.middleName].filter(Boolean).join(' '),
      documents: v.documents.map((d) => summarizeDocument(d, iemk)),
    })),
    documents: c.caseDocuments.map((d) => summarizeDocument(d, iemk)),
  };
}
