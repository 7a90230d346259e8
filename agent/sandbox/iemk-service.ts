/**
 * The sandbox's IEMK: N3.Health EmkService (agent/egisz/iemk) over SOAP 1.1
 * at /sandbox/iemk/EMKService.svc, keeping cases in memory, and
 * GET /sandbox/iemk/cases to look at them. It checks what the service checks
 * first: the system's guid, a known organization, the case's existence and
 * state, dates, МКБ-10 codes, the records (iemk-med-records.ts), and that a
 * document's REMD link names a registration of the case's organization. A step is one
 * visit: a second step of the same doctor on the same day is refused, and a
 * document already in the case does not come again inside a step; AddMedRecord
 * with a document's IdDocumentMis already there replaces it where it is (a
 * correction). UpdateCase with steps already sent replaces their diagnoses
 * (MkbCodeChange, when given, must be the code the step has). A closed case
 * takes no step and no diagnosis by AddMedRecord, but still takes documents:
 * the epicrisis is often signed after the closing day. Those rules are our
 * reading of N3's model [?]: its public contract says what a step and a
 * record hold, not what it refuses.
 * Fault ErrorCodes here are the sandbox's own: 1 guid refused, 2 not found,
 * 3 already exists, 4 invalid or missing value.
 */
import express, { Router } from 'express';
import type { EmkFaultItem } from '../egisz/iemk/emk-contract.ts';
import { emkFault as emkFaultXml, emkResponse, readOperation } from '../egisz/iemk/emk-xml.ts';
import { child, childText, elementChildren, type Element } from '../egisz/remd/xml-reader.ts';
import { findOrganization, type FederalDataset } from './federal-dataset.ts';
import { emkFault as fault, familyName, isFault, readMedRecord, type SandboxDiagnosis, type SandboxDocument, type SandboxRecord } from './iemk-med-records.ts';

interface SandboxStep {
  idStepMis: string;
  dateStart: string;
  /** The doctor's family name and MIS id: with the day, the visit's identity. */
  doctor?: string;
  doctorId?: string;
  diagnoses: SandboxDiagnosis[];
  documents: SandboxDocument[];
}

interface SandboxCase {
  idLpu: string;
  idPatientMis: string;
  idCaseMis: string;
  openDate: string;
  closeDate?: string;
  idCaseResult?: string;
  steps: SandboxStep[];
  /** Records of the case as a whole (AddMedRecord). */
  diagnoses: SandboxDiagnosis[];
  documents: SandboxDocument[];
}

const day = (value: string | undefined) => value?.slice(0, 10);

/** A REMD registration as the IEMK sees it through a document's link. */
export type RemdLookup = (emdrId: string) => { organization: string } | undefined;

export function iemkService(dataset: FederalDataset, remd?: RemdLookup): Router {
  const cases = new Map<string, SandboxCase>();
  const router = Router();
  router.get('/cases', (_req, res) => void res.json([...cases.values()]));
  router.post('/EMKService.svc', express.text({ type: ['text/xml', 'application/soap+xml'], limit: '5mb' }), (req, res) => {
    let request: ReturnType<typeof readOperation>;
    try {
      request = readOperation(String(req.body ?? ''));
    } catch (e) {
      return void res.status(500).type('text/xml').send(emkFaultXml([fault(4, `Запрос не разобран: ${(e as Error).message}`)]));
    }
    const guid = request.text('guid');
    const system = dataset.systems.find((s) => s.iemkGuid && s.iemkGuid === guid);
    const problems = system?.active ? handle(request, cases, dataset, remd) : [fault(1, 'Неверный guid: система не авторизована в ИЭМК', 'guid')];
    if (problems.length) return void res.status(500).type('text/xml').send(emkFaultXml(problems));
    res.type('text/xml').send(emkResponse(request.op));
  });
  return router;
}

type Request = ReturnType<typeof readOperation>;

function handle(request: Request, cases: Map<string, SandboxCase>, dataset: FederalDataset, remd: RemdLookup | undefined): EmkFaultItem[] {
  switch (request.op) {
    case 'AddCase': return addCase(request.field('caseDto'), cases, dataset);
    case 'CloseCase': return closeCase(request.field('caseDto'), cases);
    case 'UpdateCase': return updateCase(request.field('caseDto'), cases);
    case 'AddStepToCase': return withCase(request, cases, (c) => addStep(c, request.field('step'), remd));
    case 'AddMedRecord': return withCase(request, cases, (c) => addMedRecord(c, request.field('medRecord'), remd));
    default: return [fault(4, `Операция ${request.op} не поддерживается песочницей`)];
  }
}

const keyOf = (idLpu?: string, idPatientMis?: string, idCaseMis?: string) => `${idLpu}|${idPatientMis}|${idCaseMis}`;

function addCase(dto: Element | undefined, cases: Map<string, SandboxCase>, dataset: FederalDataset): EmkFaultItem[] {
  const idLpu = childText(dto, 'IdLpu'), idPatientMis = childText(dto, 'IdPatientMis'), idCaseMis = childText(dto, 'IdCaseMis');
  const openDate = day(childText(dto, 'OpenDate'));
  const missing = Object.entries({ IdLpu: idLpu, IdPatientMis: idPatientMis, IdCaseMis: idCaseMis, OpenDate: openDate, HistoryNumber: childText(dto, 'HistoryNumber') })
    .filter(([, v]) => !v).map(([name]) => fault(4, `Не заполнено поле ${name}`, name));
  if (missing.length) return missing;
  if (!findOrganization(dataset, idLpu!)) return [fault(2, `Организация ${idLpu} не найдена`, 'IdLpu')];
  const key = keyOf(idLpu, idPatientMis, idCaseMis);
  if (cases.has(key)) return [fault(3, `Случай ${idCaseMis} уже передан`, 'IdCaseMis')];
  if (!child(dto, 'DoctorInCharge')) return [fault(4, 'Не указан лечащий врач', 'DoctorInCharge')];
  cases.set(key, { idLpu: idLpu!, idPatientMis: idPatientMis!, idCaseMis: idCaseMis!, openDate: openDate!, steps: [], diagnoses: [], documents: [] });
  return [];
}

const caseOf = (dto: Element | undefined, cases: Map<string, SandboxCase>) => cases.get(keyOf(childText(dto, 'IdLpu'), childText(dto, 'IdPatientMis'), childText(dto, 'IdCaseMis')));

function closeCase(dto: Element | undefined, cases: Map<string, SandboxCase>): EmkFaultItem[] {
  const found = caseOf(dto, cases);
  if (!found) return [fault(2, 'Случай не найден: сначала AddCase', 'IdCaseMis')];
  if (found.closeDate) return [fault(3, 'Случай уже закрыт', 'IdCaseMis')];
  const closeDate = day(childText(dto, 'CloseDate'));
  const result = childText(dto, 'IdCaseResult');
  if (!closeDate || closeDate < found.openDate) return [fault(4, 'Дата закрытия случая не указана или раньше даты открытия', 'CloseDate')];
  if (!result) return [fault(4, 'Не указан результат обращения', 'IdCaseResult')];
  if (!found.steps.length) return [fault(4, 'В случае нет ни одного посещения', 'Steps')];
  Object.assign(found, { closeDate, idCaseResult: result });
  return [];
}

function withCase(request: Request, cases: Map<string, SandboxCase>, then: (c: SandboxCase) => EmkFaultItem[]): EmkFaultItem[] {
  const found = cases.get(keyOf(request.text('idLpu'), request.text('idPatientMis'), request.text('idCaseMis')));
  if (!found) return [fault(2, 'Случай не найден: сначала AddCase', 'idCaseMis')];
  return then(found);
}

const closedFault = () => fault(4, 'Случай закрыт: посещения и диагнозы не принимаются, только документы', 'idCaseMis');

/** UpdateCase: the listed steps' diagnoses replaced; a step not yet sent goes by AddStepToCase. */
function updateCase(dto: Element | undefined, cases: Map<string, SandboxCase>): EmkFaultItem[] {
  const found = caseOf(dto, cases);
  if (!found) return [fault(2, 'Случай не найден: сначала AddCase', 'IdCaseMis')];
  const stepList = child(dto, 'Steps');
  const updates: { step: SandboxStep; diagnoses: SandboxDiagnosis[] }[] = [];
  for (const el of stepList ? elementChildren(stepList) : []) {
    const idStepMis = childText(el, 'IdStepMis');
    const step = found.steps.find((s) => s.idStepMis === idStepMis);
    if (!step) return [fault(2, `Посещение ${idStepMis ?? ''} не найдено: новые посещения передают AddStepToCase`, 'IdStepMis')];
    const recordList = child(el, 'MedRecords');
    const records = recordList ? elementChildren(recordList).map(readMedRecord) : [];
    const problem = records.find(isFault);
    if (problem) return [problem];
    if (records.some((r) => 'document' in r)) return [fault(4, 'Документы посещения передают через AddMedRecord, не UpdateCase', 'MedRecords')];
    const diagnoses = (records as SandboxRecord[]).flatMap((r) => ('diagnosis' in r ? [r.diagnosis] : []));
    const stale = diagnoses.find((d) => d.previousMkbCode && !step.diagnoses.some((x) => x.main === d.main && x.mkbCode === d.previousMkbCode));
    if (stale) return [fault(4, `В посещении ${idStepMis} нет диагноза ${stale.previousMkbCode}, который заменяет ${stale.mkbCode}`, 'MkbCodeChange')];
    updates.push({ step, diagnoses });
  }
  for (const u of updates) u.step.diagnoses = u.diagnoses;
  return [];
}

/** A document's REMD links name registrations of the case's organization. */
function remdLinkFault(c: SandboxCase, d: SandboxDocument, remd: RemdLookup | undefined): EmkFaultItem | undefined {
  const wrong = remd && d.remdLinks.find((id) => remd(id)?.organization !== c.idLpu);
  return wrong === undefined ? undefined : fault(2, `Документ ${d.idDocumentMis}: регистрационный номер РЭМД ${wrong} не найден у организации ${c.idLpu}`, 'Attachments');
}

function addStep(c: SandboxCase, step: Element | undefined, remd: RemdLookup | undefined): EmkFaultItem[] {
  if (c.closeDate) return [closedFault()];
  const idStepMis = childText(step, 'IdStepMis');
  const dateStart = day(childText(step, 'DateStart'));
  if (!idStepMis || !dateStart) return [fault(4, 'Не заполнены IdStepMis или DateStart', 'step')];
  if (dateStart < c.openDate) return [fault(4, `Посещение ${dateStart} раньше открытия случая ${c.openDate}`, 'DateStart')];
  if (c.steps.some((s) => s.idStepMis === idStepMis)) return [fault(3, `Посещение ${idStepMis} уже передано`, 'IdStepMis')];
  const doctor = child(step, 'Doctor');
  const doctorId = childText(child(doctor, 'Person'), 'IdPersonMis');
  const sameVisit = c.steps.find((s) => s.dateStart === dateStart && s.doctorId === doctorId);
  if (sameVisit) return [fault(3, `Посещение этого врача за ${dateStart} уже есть в случае (${sameVisit.idStepMis}): один визит — одно посещение`, 'step')];
  const recordList = child(step, 'MedRecords');
  const records = recordList ? elementChildren(recordList).map(readMedRecord) : [];
  const problems = records.filter(isFault);
  if (problems.length) return problems;
  const read = records as SandboxRecord[];
  const documents = read.flatMap((r) => ('document' in r ? [r.document] : []));
  const repeated = documents.find((d, i) => documentIn(c, d.idDocumentMis) || documents.findIndex((x) => x.idDocumentMis === d.idDocumentMis) !== i);
  if (repeated) return [fault(3, `Документ ${repeated.idDocumentMis} уже есть в случае: исправление передают через AddMedRecord`, 'IdDocumentMis')];
  const unlinked = documents.map((d) => remdLinkFault(c, d, remd)).find(Boolean);
  if (unlinked) return [unlinked];
  c.steps.push({
    idStepMis, dateStart, ...(doctorId ? { doctorId } : {}), ...(familyName(doctor) ? { doctor: familyName(doctor) } : {}),
    diagnoses: read.flatMap((r) => ('diagnosis' in r ? [r.diagnosis] : [])), documents,
  });
  return [];
}

/** Where a document with this IdDocumentMis is kept in the case, if anywhere. */
function documentIn(c: SandboxCase, idDocumentMis: string): SandboxDocument[] | undefined {
  return [c.documents, ...c.steps.map((s) => s.documents)].find((list) => list.some((d) => d.idDocumentMis === idDocumentMis));
}

function addMedRecord(c: SandboxCase, el: Element | undefined, remd: RemdLookup | undefined): EmkFaultItem[] {
  const record = readMedRecord(el);
  if (isFault(record)) return [record];
  if ('diagnosis' in record) {
    if (c.closeDate) return [closedFault()];
    c.diagnoses.push(record.diagnosis);
  } else {
    const { document } = record;
    const unlinked = remdLinkFault(c, document, remd);
    if (unlinked) return [unlinked];
    const list = documentIn(c, document.idDocumentMis);
    if (list) list.splice(list.findIndex((d) => d.idDocumentMis === document.idDocumentMis), 1, document);
    else c.documents.push(document);
  }
  return [];
}
