/**
 * Sends a treatment case to the IEMK step by step, resuming where it
 * stopped: AddCase once; each visit as one AddStepToCase carrying its main
 * diagnosis and its documents (StepAmb.MedRecords); a document that comes to
 * a visit already sent, or a correction of one the IEMK has, as AddMedRecord
 * with the same IdDocumentMis (N3's AddMedRecord names no step); a
 * correction that changes a sent visit's main diagnosis as UpdateCase with
 * that step (its new ClinicMainDiagnosis, MkbCodeChange = the code sent
 * before); once the case is closed its epicrisis as AddMedRecord, then
 * CloseCase; an epicrisis registered after that still goes, as AddMedRecord
 * to the closed case. A document registered in REMD links to its
 * registration (the attachment's Url). Progress is saved after every
 * accepted call, so a fault or an outage repeats nothing.
 */
import { findDocumentKind } from '../../shared/dictionaries/document-kinds.ts';
import type { EmkClient } from '../egisz/iemk/emk-client.ts';
import { remdLink, SEMD_MIME_TYPE, type EmkCase, type EmkDiagnosis, type EmkDoctor, type EmkMedDocument, type EmkMedDocumentType, type EmkStep } from '../egisz/iemk/emk-contract.ts';
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

/** A document as a MedDocument; with its REMD registration number, linked to it. */
export function medDocument(d: BookDocument, emdrId?: string): EmkMedDocument {
  return {
    ...(emdrId ? { attachments: [{ mimeType: SEMD_MIME_TYPE, url: remdLink(emdrId) }] } : {}),
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

/** What REMD registered the document (its latest version) as, when known. */
export type RegistrationOf = (d: BookDocument) => string | undefined;

/** Asks once for each document's registration number (the outbox or the gateway knows it), for one send. */
export async function registrationsOf(docs: readonly BookDocument[], emdrIdOf?: (localUid: string) => Promise<string | undefined>): Promise<RegistrationOf> {
  const ids = await Promise.all(docs.map((d) => emdrIdOf?.(d.row.localUid).catch(() => undefined)));
  const byLocalUid = new Map(docs.map((d, i) => [d.row.localUid, ids[i]]));
  return (d) => byLocalUid.get(d.row.localUid);
}

/** Every document of a case: its visits' and its own (the epicrisis). */
export const caseDocumentsOf = (c: BookCase) => [...c.visits.flatMap((v) => v.documents), ...c.caseDocuments];

const visitDiagnosis = (v: BookVisit, previousMkbCode?: string): EmkDiagnosis => ({
  mkbCode: v.mainDiagnosis, main: true, diagnosedDate: v.visitDate, doctor: visitDoctor(v), ...(previousMkbCode ? { previousMkbCode } : {}),
});

const stepOf = (v: BookVisit, medRecords: EmkStep['medRecords']): EmkStep => ({
  idStepMis: v.localUid, dateStart: v.visitDate, dateEnd: v.visitDate, doctor: visitDoctor(v), medRecords,
});

export async function sendCaseToIemk(
  c: BookCase, book: CaseBook, client: EmkClient, ready: DocumentReady = () => true, registrationOf: RegistrationOf = () => undefined,
): Promise<IemkProgress> {
  const first = c.visits[0]!;
  const ref = { idLpu: first.details.organizationOid, idPatientMis: first.details.patientLocalId ?? c.patientSnils, idCaseMis: c.caseId };
  const emkCase: EmkCase = { ...ref, openDate: c.openDate, historyNumber: c.caseId, doctorInCharge: visitDoctor(c.visits.at(-1)!) };
  const progress = book.iemkProgress(c.caseId);
  const has = (progress.documents ??= {});
  const diagnoses = (progress.diagnoses ??= {});
  const save = () => book.saveIemkProgress(c.caseId, progress);
  const sent = (d: BookDocument) => (has[d.localUid] = d.row.versionNumber);
  const due = (docs: readonly BookDocument[]) => docs.filter((d) => ready(d) && has[d.localUid] !== d.row.versionNumber);
  const asRecord = (d: BookDocument) => ({ document: medDocument(d, registrationOf(d)) });
  const addDocument = async (d: BookDocument) => {
    await client.addMedRecord(ref, asRecord(d));
    sent(d);
    save();
  };
  const closed = (closeDate: string): EmkCase => ({ ...emkCase, closeDate, idCaseResult: book.closureResult(c.caseId) ?? DEFAULT_CASE_RESULT });
  // The case as the IEMK has it: an update of a closed case keeps it closed.
  const current = () => (progress.closed && c.closeDate ? closed(c.closeDate) : emkCase);
  const updateDiagnosis = async (v: BookVisit) => {
    const before = diagnoses[v.localUid];
    // A step sent before diagnoses were tracked: what it carries is taken as the current one.
    if (before !== undefined && before !== v.mainDiagnosis) {
      const main = v.documents.find((d) => d.row === v.row);
      if (main && !ready(main)) return;
      await client.updateCase({ ...current(), steps: [stepOf(v, [{ diagnosis: visitDiagnosis(v, before) }])] });
    }
    if (before === v.mainDiagnosis) return;
    diagnoses[v.localUid] = v.mainDiagnosis;
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
      await updateDiagnosis(v);
      continue;
    }
    const documents = due(v.documents);
    await client.addStepToCase(ref, stepOf(v, [{ diagnosis: visitDiagnosis(v) }, ...documents.map(asRecord)]));
    progress.steps.push(v.localUid);
    diagnoses[v.localUid] = v.mainDiagnosis;
    documents.forEach(sent);
    save();
  }
  if (c.closeDate && !progress.closed) {
    for (const d of due(c.caseDocuments)) await addDocument(d);
    await client.closeCase(closed(c.closeDate));
    progress.closed = true;
    save();
  } else if (progress.closed) {
    // An epicrisis (or its correction) registered after the IEMK closed the case.
    for (const d of due(c.caseDocuments)) await addDocument(d);
  }
  return progress;
}
