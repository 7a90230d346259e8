/**
 * The sandbox's IEMK: N3.Health EmkService (agent/egisz/iemk) over SOAP 1.1
 * at /sandbox/iemk/EMKService.svc, keeping cases in memory, and
 * GET /sandbox/iemk/cases to look at them. It checks what the service checks
 * first: the system's guid, a known organization, the case's existence and
 * state, dates, МКБ-10 codes. Fault ErrorCodes here are the sandbox's own:
 * 1 guid refused, 2 not found, 3 already exists, 4 invalid or missing value.
 */
import express, { Router } from 'express';
import { findMkb10 } from '../../shared/dictionaries/mkb10.ts';
import type { EmkFaultItem } from '../egisz/iemk/emk-contract.ts';
import { emkFault, emkResponse, readOperation } from '../egisz/iemk/emk-xml.ts';
import { child, childText, type Element } from '../egisz/remd/xml-reader.ts';
import { findOrganization, type FederalDataset } from './federal-dataset.ts';

interface SandboxCase {
  idLpu: string;
  idPatientMis: string;
  idCaseMis: string;
  openDate: string;
  closeDate?: string;
  idCaseResult?: string;
  steps: { idStepMis: string; dateStart: string; doctor?: string }[];
  diagnoses: { mkbCode: string; main: boolean }[];
}

const fault = (errorCode: number, message: string, propertyName?: string): EmkFaultItem => ({ errorCode, message, ...(propertyName ? { propertyName } : {}) });
const day = (value: string | undefined) => value?.slice(0, 10);

export function iemkService(dataset: FederalDataset): Router {
  const cases = new Map<string, SandboxCase>();
  const router = Router();
  router.get('/cases', (_req, res) => void res.json([...cases.values()]));
  router.post('/EMKService.svc', express.text({ type: ['text/xml', 'application/soap+xml'], limit: '5mb' }), (req, res) => {
    let request: ReturnType<typeof readOperation>;
    try {
      request = readOperation(String(req.body ?? ''));
    } catch (e) {
      return void res.status(500).type('text/xml').send(emkFault([fault(4, `Запрос не разобран: ${(e as Error).message}`)]));
    }
    const guid = request.text('guid');
    const system = dataset.systems.find((s) => s.iemkGuid && s.iemkGuid === guid);
    const problems = system?.active ? handle(request, cases, dataset) : [fault(1, 'Неверный guid: система не авторизована в ИЭМК', 'guid')];
    if (problems.length) return void res.status(500).type('text/xml').send(emkFault(problems));
    res.type('text/xml').send(emkResponse(request.op));
  });
  return router;
}

type Request = ReturnType<typeof readOperation>;

function handle(request: Request, cases: Map<string, SandboxCase>, dataset: FederalDataset): EmkFaultItem[] {
  switch (request.op) {
    case 'AddCase': return addCase(request.field('caseDto'), cases, dataset);
    case 'CloseCase': return closeCase(request.field('caseDto'), cases);
    case 'AddStepToCase': return withCase(request, cases, (c) => addStep(c, request.field('step')));
    case 'AddMedRecord': return withCase(request, cases, (c) => addDiagnosis(c, request.field('medRecord')));
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
  cases.set(key, { idLpu: idLpu!, idPatientMis: idPatientMis!, idCaseMis: idCaseMis!, openDate: openDate!, steps: [], diagnoses: [] });
  return [];
}

function closeCase(dto: Element | undefined, cases: Map<string, SandboxCase>): EmkFaultItem[] {
  const found = cases.get(keyOf(childText(dto, 'IdLpu'), childText(dto, 'IdPatientMis'), childText(dto, 'IdCaseMis')));
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
  if (found.closeDate) return [fault(4, 'Случай закрыт: изменения не принимаются', 'idCaseMis')];
  return then(found);
}

function addStep(c: SandboxCase, step: Element | undefined): EmkFaultItem[] {
  const idStepMis = childText(step, 'IdStepMis');
  const dateStart = day(childText(step, 'DateStart'));
  if (!idStepMis || !dateStart) return [fault(4, 'Не заполнены IdStepMis или DateStart', 'step')];
  if (dateStart < c.openDate) return [fault(4, `Посещение ${dateStart} раньше открытия случая ${c.openDate}`, 'DateStart')];
  if (c.steps.some((s) => s.idStepMis === idStepMis)) return [fault(3, `Посещение ${idStepMis} уже передано`, 'IdStepMis')];
  c.steps.push({ idStepMis, dateStart, doctor: childText(child(child(child(step, 'Doctor'), 'Person'), 'HumanName'), 'FamilyName') });
  return [];
}

function addDiagnosis(c: SandboxCase, record: Element | undefined): EmkFaultItem[] {
  const info = child(record, 'DiagnosisInfo');
  const mkbCode = childText(info, 'MkbCode');
  if (!mkbCode || !findMkb10(mkbCode)) return [fault(4, `Код МКБ-10 ${mkbCode ?? ''} не найден`, 'MkbCode')];
  c.diagnoses.push({ mkbCode, main: childText(info, 'IdDiagnosisType') === '1' });
  return [];
}
