/**
 * Sends a treatment case to the IEMK step by step, resuming where it
 * stopped: AddCase once; each visit as one AddStepToCase carrying its main
 * diagnosis and its documents (StepAmb.MedRecords); a document that comes to
 * a visit already sent, or a correction of one the IEMK has, as AddMedRecord
 * with the same IdDocumentMis (N3's AddMedRecord names no step); once the
 * case is closed its epicrisis as AddMedRecord, then CloseCase. Progress is
 * saved after every accepted call, so a fault or an outage repeats nothing.
 */
import { findDocumentKind } from '../../shared/dictionaries/document-kinds.ts';
import type { EmkClient } from '../egisz/iemk/emk-client.ts';
import type { EmkCase, EmkDoctor, EmkMedDocument, EmkMedDocumentType } from '../egisz/iemk/emk-contract.ts';
import type { BookCase, BookDocument, BookVisit, CaseBook, IemkProgress } from './case-book.ts';
import type { VisitDetails } from './visit-details.ts';

/** IdCaseResult when the user gave none on closing («выздоровление» in N3's result dictionary [?]). */
const DEFAULT_CASE_RESULT = '1';

/** The MedDocument subtype of a SEMD kind [?] (emk-contract.ts). */
const documentTypes: Readonly<Record<string, EmkMedDocumentType>> = { '119': 'ConsultNote', '185': 'Referral', '186': 'LaboratoryReport', '42': 'DischargeSummary' };

function doctorOf(details: VisitDetails, doctorSnils: string): EmkDoctor {
  const d = details.doctor;
  return {
    idPersonMis: d.localId ?? doctorSnils, lastName: d.lastName, firstName: d.firstName,
    ...(d.middleName ? { middleName: d.middleName } : {}),
    ...(d.specialtyCode ? { idSpeciality: d.specialtyCode } : {}),
    ...(d.positionCode ? { idPosition: d.positionCode } : {}),
  };
}

const visitDoctor = (v: BookVisit) => doctorOf(v.details, v.row.doctorSnils);

export function medDocument(d: BookDocument): EmkMedDocument {
  return {
    type: documentTypes[d.row.kind] ?? 'MedDocument',
    idDocumentMis: d.localUid,
    // The version's own local time, as the SEMD states it (no zone in xs:dateTime here).
    creationDate: d.row.createdAt.slice(0, 19),
    header: findDocumentKind(d.row.kind)?.name ?? `СЭМД вида ${d.row.kind}`,
    author: doctorOf(d.details, d.row.doctorSnils),
  };
}

/** Whether a document may go now; the automatic sync sends only what REMD registered. */
export type DocumentReady = (d: BookDocument) => boolean;

export async function sendCaseToIemk(c: BookCase, book: CaseBook, client: EmkClient, ready: DocumentReady = () => true): Promise<IemkProgress> {
  const first = c.visits[0]!;
  const ref = { idLpu: first.details.organizationOid, idPatientMis: first.details.patientLocalId ?? c.patientSnils, idCaseMis: c.caseId };
  const emkCase: EmkCase = { ...ref, openDate: c.openDate, historyNumber: c.caseId, doctorInCharge: visitDoctor(c.visits.at(-1)!) };
  const progress = book.iemkProgress(c.caseId);
  const has = (progress.documents ??= {});
  const save = () => book.saveIemkProgress(c.caseId, progress);
  const sent = (d: BookDocument) => (has[d.localUid] = d.row.versionNumber);
  const due = (docs: readonly BookDocument[]) => docs.filter((d) => ready(d) && has[d.localUid] !== d.row.versionNumber);
  const addDocument = async (d: BookDocument) => {
    await client.addMedRecord(ref, { document: medDocument(d) });
    sent(d);
    save();
  };

  if (!progress.opened) {
    await client.addCase(emkCase);
    progress.opened = true;
    save();
  }
  for (const v of c.visits) {
    if (progress.steps.includes(v.localUid)) {
      for (const d of due(v.documents)) await addDocument(d);
      continue;
    }
    const documents = due(v.documents);
    const doctor = visitDoctor(v);
    const diagnosis = { mkbCode: v.details.mainDiagnosis, main: true, diagnosedDate: v.visitDate, doctor };
    await client.addStepToCase(ref, {
      idStepMis: v.localUid, dateStart: v.visitDate, dateEnd: v.visitDate, doctor,
      medRecords: [{ diagnosis }, ...documents.map((d) => ({ document: medDocument(d) }))],
    });
    progress.steps.push(v.localUid);
    documents.forEach(sent);
    save();
  }
  if (c.closeDate && !progress.closed) {
    for (const d of due(c.caseDocuments)) await addDocument(d);
    await client.closeCase({ ...emkCase, closeDate: c.closeDate, idCaseResult: book.closureResult(c.caseId) ?? DEFAULT_CASE_RESULT });
    progress.closed = true;
    save();
  }
  return progress;
}
