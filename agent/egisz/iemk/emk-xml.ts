/**
 * Writing EmkService requests (SOAP 1.1, DataContract element order) and
 * reading their faults. Shared by the client and the sandbox's service.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { child, childText, elementChildren, parseXml, type Element } from '../remd/xml-reader.ts';
import { EMK_NS, type EmkAttachment, type EmkCase, type EmkDoctor, type EmkFaultItem, type EmkMedRecord, type EmkOperation, type EmkStep } from './emk-contract.ts';

const dateTime = (day: string) => `${day}T00:00:00`;
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Writes an envelope around one operation; `fill` adds the parameters after `guid`. */
export function emkEnvelope(op: EmkOperation, guid: string, fill: (operation: XMLBuilder) => void): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const operation = doc.ele(EMK_NS.soap, 's:Envelope').ele(EMK_NS.soap, 's:Body').ele(EMK_NS.service, op);
  operation.ele(EMK_NS.service, 'guid').txt(guid);
  fill(operation);
  return doc.end();
}

function text(parent: XMLBuilder, ns: string, prefix: string, name: string, value: string | undefined): void {
  if (value !== undefined) parent.ele(ns, `${prefix}:${name}`).txt(value);
}

function writeDoctor(parent: XMLBuilder, ns: string, prefix: string, name: string, doctor: EmkDoctor, idLpu: string): void {
  const staff = parent.ele(ns, `${prefix}:${name}`);
  const person = staff.ele(EMK_NS.dto, 'c:Person');
  const human = person.ele(EMK_NS.dto, 'c:HumanName');
  text(human, EMK_NS.dto, 'c', 'GivenName', doctor.firstName);
  text(human, EMK_NS.dto, 'c', 'MiddleName', doctor.middleName);
  text(human, EMK_NS.dto, 'c', 'FamilyName', doctor.lastName);
  text(person, EMK_NS.dto, 'c', 'IdPersonMis', doctor.idPersonMis);
  text(staff, EMK_NS.dto, 'c', 'IdLpu', idLpu);
  text(staff, EMK_NS.dto, 'c', 'IdSpeciality', doctor.idSpeciality);
  text(staff, EMK_NS.dto, 'c', 'IdPosition', doctor.idPosition);
}

/** caseDto as CaseAmb, fields in the order of CaseBase then CaseAmb. */
export function writeCase(operation: XMLBuilder, c: EmkCase): void {
  const dto = operation.ele(EMK_NS.service, 'caseDto').att(XMLNS, 'xmlns:a', EMK_NS.case).att(EMK_NS.xsi, 'i:type', 'a:CaseAmb');
  const put = (name: string, value: string | undefined) => text(dto, EMK_NS.case, 'a', name, value);
  put('OpenDate', dateTime(c.openDate));
  put('CloseDate', c.closeDate && dateTime(c.closeDate));
  put('HistoryNumber', c.historyNumber);
  put('IdCaseMis', c.idCaseMis);
  put('IdCaseAidType', c.idCaseAidType ?? '1');
  put('IdPaymentType', c.idPaymentType ?? '1');
  put('Confidentiality', '1');
  put('DoctorConfidentiality', '1');
  put('CuratorConfidentiality', '1');
  put('IdLpu', c.idLpu);
  put('IdCaseResult', c.idCaseResult);
  put('Comment', c.comment);
  writeDoctor(dto, EMK_NS.case, 'a', 'DoctorInCharge', c.doctorInCharge, c.idLpu);
  put('IdPatientMis', c.idPatientMis);
  put('IdCaseType', c.idCaseType ?? '1');
  put('IdAmbResult', c.idAmbResult);
  if (!c.steps?.length) return;
  const steps = dto.ele(EMK_NS.case, 'a:Steps').att(XMLNS, 'xmlns:b', EMK_NS.step);
  for (const s of c.steps) writeStepMembers(steps.ele(EMK_NS.step, 'b:StepAmb'), s, c.idLpu);
}

export function writeStep(operation: XMLBuilder, s: EmkStep, idLpu: string): void {
  writeStepMembers(operation.ele(EMK_NS.service, 'step').att(XMLNS, 'xmlns:b', EMK_NS.step).att(EMK_NS.xsi, 'i:type', 'b:StepAmb'), s, idLpu);
}

/** StepBase then StepAmb members, DataContract order. */
function writeStepMembers(step: XMLBuilder, s: EmkStep, idLpu: string): void {
  const put = (name: string, value: string | undefined) => text(step, EMK_NS.step, 'b', name, value);
  put('DateStart', dateTime(s.dateStart));
  put('DateEnd', dateTime(s.dateEnd));
  put('IdPaymentType', s.idPaymentType ?? '1');
  writeDoctor(step, EMK_NS.step, 'b', 'Doctor', s.doctor, idLpu);
  put('IdStepMis', s.idStepMis);
  put('IdVisitPlace', s.idVisitPlace ?? '1');
  put('IdVisitPurpose', s.idVisitPurpose ?? '1');
  if (!s.medRecords?.length) return;
  const records = step.ele(EMK_NS.step, 'b:MedRecords');
  for (const record of s.medRecords) writeMedRecord(records.ele(EMK_NS.medRec, 'm:MedRecord'), record, idLpu);
}

/** AddMedRecord's parameter: one record of the case. */
export function writeCaseMedRecord(operation: XMLBuilder, record: EmkMedRecord, idLpu: string): void {
  writeMedRecord(operation.ele(EMK_NS.service, 'medRecord'), record, idLpu);
}

/** A MedRecord's type and members: a diagnosis (MedRec.Diag) or a document (MedRec.MedDoc), DataContract order. */
function writeMedRecord(el: XMLBuilder, record: EmkMedRecord, idLpu: string): void {
  if ('diagnosis' in record) {
    const d = record.diagnosis;
    el.att(XMLNS, 'xmlns:d', EMK_NS.diag).att(EMK_NS.xsi, 'i:type', d.main ? 'd:ClinicMainDiagnosis' : 'd:Diagnosis');
    const info = el.ele(EMK_NS.diag, 'd:DiagnosisInfo');
    text(info, EMK_NS.diag, 'd', 'DiagnosedDate', dateTime(d.diagnosedDate));
    text(info, EMK_NS.diag, 'd', 'IdDiagnosisType', d.main ? '1' : '2');
    text(info, EMK_NS.diag, 'd', 'Comment', d.comment);
    text(info, EMK_NS.diag, 'd', 'MkbCode', d.mkbCode);
    text(info, EMK_NS.diag, 'd', 'MkbCodeChange', d.previousMkbCode);
    writeDoctor(el, EMK_NS.diag, 'd', 'Doctor', d.doctor, idLpu);
    return;
  }
  const doc = record.document;
  el.att(XMLNS, 'xmlns:md', EMK_NS.medDoc).att(EMK_NS.xsi, 'i:type', `md:${doc.type}`);
  if (doc.attachments?.length) writeAttachments(el.ele(EMK_NS.medDoc, 'md:Attachments'), doc.attachments, idLpu);
  writeDoctor(el, EMK_NS.medDoc, 'md', 'Author', doc.author, idLpu);
  text(el, EMK_NS.medDoc, 'md', 'CreationDate', doc.creationDate);
  text(el, EMK_NS.medDoc, 'md', 'Header', doc.header);
  text(el, EMK_NS.medDoc, 'md', 'IdDocumentMis', doc.idDocumentMis);
}

/** MedDocumentDto.DocumentAttachment items: Data, OrganizationSign, PersonalSigns, MimeType, Url. */
function writeAttachments(list: XMLBuilder, attachments: readonly EmkAttachment[], idLpu: string): void {
  const base64 = (bytes: Uint8Array | undefined) => bytes && Buffer.from(bytes).toString('base64');
  for (const a of attachments) {
    const el = list.ele(EMK_NS.medDoc, 'md:MedDocumentDto.DocumentAttachment');
    text(el, EMK_NS.medDoc, 'md', 'Data', base64(a.data));
    text(el, EMK_NS.medDoc, 'md', 'OrganizationSign', base64(a.organizationSign));
    if (a.personalSigns?.length) {
      const signs = el.ele(EMK_NS.medDoc, 'md:PersonalSigns');
      for (const p of a.personalSigns) {
        const sign = signs.ele(EMK_NS.medDoc, 'md:MedDocumentDto.PersonalSign');
        text(sign, EMK_NS.medDoc, 'md', 'Sign', base64(p.sign));
        writeDoctor(sign, EMK_NS.medDoc, 'md', 'Doctor', p.doctor, idLpu);
      }
    }
    text(el, EMK_NS.medDoc, 'md', 'MimeType', a.mimeType);
    text(el, EMK_NS.medDoc, 'md', 'Url', a.url);
  }
}

/** The operation element of a request: its local name and its children by name. */
export function readOperation(xml: string): { op: string; field: (name: string) => Element | undefined; text: (name: string) => string | undefined } {
  const body = child(parseXml(xml).documentElement!, 'Body');
  const operation = body && elementChildren(body)[0];
  if (!operation) throw new Error('В SOAP Body нет операции');
  return { op: operation.localName ?? '', field: (name) => child(operation, name), text: (name) => childText(operation, name) };
}

/** RequestFault items from a fault answer (nested Errors flattened). */
export function readFaultItems(xml: string): EmkFaultItem[] {
  const items: EmkFaultItem[] = [];
  const visit = (el: Element) => {
    if (el.localName === 'RequestFault') {
      const code = childText(el, 'ErrorCode');
      items.push({ propertyName: childText(el, 'PropertyName'), message: childText(el, 'Message') ?? '', ...(code ? { errorCode: Number(code) } : {}) });
    }
    elementChildren(el).forEach(visit);
  };
  visit(parseXml(xml).documentElement!);
  return items;
}

/** A WCF fault with RequestFault details, as the service answers. */
export function emkFault(items: EmkFaultItem[]): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const fault = doc.ele(EMK_NS.soap, 's:Envelope').ele(EMK_NS.soap, 's:Body').ele(EMK_NS.soap, 's:Fault');
  fault.ele('faultcode').txt('s:Client');
  fault.ele('faultstring').txt(items.map((i) => i.message).join('; '));
  const detail = fault.ele('detail').ele(EMK_NS.common, 'ArrayOfRequestFault');
  for (const item of items) {
    const el = detail.ele(EMK_NS.common, 'RequestFault');
    if (item.errorCode !== undefined) el.ele(EMK_NS.common, 'ErrorCode').txt(String(item.errorCode));
    el.ele(EMK_NS.common, 'Message').txt(item.message);
    if (item.propertyName) el.ele(EMK_NS.common, 'PropertyName').txt(item.propertyName);
  }
  return doc.end();
}

/** The empty success answer: <OpResponse/>. */
export function emkResponse(op: string): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  doc.ele(EMK_NS.soap, 's:Envelope').ele(EMK_NS.soap, 's:Body').ele(EMK_NS.service, `${op}Response`);
  return doc.end();
}
