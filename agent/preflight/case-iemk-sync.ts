/**
 * Sends a treatment case to the IEMK step by step, resuming where it
 * stopped: AddCase once, then each visit as AddStepToCase with its main
 * diagnosis as AddMedRecord, and CloseCase once the case is closed. Progress
 * is saved after every accepted call, so a fault or an outage repeats nothing.
 */
import type { EmkClient } from '../egisz/iemk/emk-client.ts';
import type { EmkCase, EmkDoctor } from '../egisz/iemk/emk-contract.ts';
import type { BookVisit, CaseBook, IemkProgress } from './case-book.ts';
import type { TreatmentCase } from './case-grouping.ts';

/** IdCaseResult when the user gave none on closing («выздоровление» in N3's result dictionary [?]). */
const DEFAULT_CASE_RESULT = '1';

function doctorOf(v: BookVisit): EmkDoctor {
  const d = v.details.doctor;
  return {
    idPersonMis: d.localId ?? v.row.doctorSnils, lastName: d.lastName, firstName: d.firstName,
    ...(d.middleName ? { middleName: d.middleName } : {}),
    ...(d.specialtyCode ? { idSpeciality: d.specialtyCode } : {}),
    ...(d.positionCode ? { idPosition: d.positionCode } : {}),
  };
}

export async function sendCaseToIemk(c: TreatmentCase<BookVisit>, book: CaseBook, client: EmkClient): Promise<IemkProgress> {
  const first = c.visits[0]!;
  const last = c.visits.at(-1)!;
  const ref = { idLpu: first.details.organizationOid, idPatientMis: first.details.patientLocalId ?? c.patientSnils, idCaseMis: c.caseId };
  const emkCase: EmkCase = {
    ...ref, openDate: c.openDate, historyNumber: c.caseId, doctorInCharge: doctorOf(last),
  };
  const progress = book.iemkProgress(c.caseId);
  const save = () => book.saveIemkProgress(c.caseId, progress);
  if (!progress.opened) {
    await client.addCase(emkCase);
    progress.opened = true;
    save();
  }
  for (const v of c.visits.filter((x) => !progress.steps.includes(x.localUid))) {
    const doctor = doctorOf(v);
    await client.addStepToCase(ref, { idStepMis: v.localUid, dateStart: v.visitDate, dateEnd: v.visitDate, doctor });
    await client.addMedRecord(ref, { mkbCode: v.details.mainDiagnosis, main: true, diagnosedDate: v.visitDate, doctor });
    progress.steps.push(v.localUid);
    save();
  }
  if (c.closeDate && !progress.closed) {
    await client.closeCase({ ...emkCase, closeDate: c.closeDate, idCaseResult: book.closureResult(c.caseId) ?? DEFAULT_CASE_RESULT });
    progress.closed = true;
    save();
  }
  return progress;
}
