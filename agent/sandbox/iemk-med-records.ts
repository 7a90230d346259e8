/**
 * The sandbox IEMK reading MedRecords: a diagnosis (MedRec.Diag) or a
 * document (MedRec.MedDoc), by its i:type, checked as the service would check
 * it before storing: a known МКБ-10 code; a document's IdDocumentMis,
 * CreationDate and Author.
 */
import { findMkb10 } from '../../shared/dictionaries/mkb10.ts';
import { EMK_NS, type EmkFaultItem } from '../egisz/iemk/emk-contract.ts';
import { child, childText, type Element } from '../egisz/remd/xml-reader.ts';

export interface SandboxDiagnosis {
  mkbCode: string;
  main: boolean;
}

export interface SandboxDocument {
  idDocumentMis: string;
  /** The MedDocument subtype, e.g. ConsultNote. */
  type: string;
  header?: string;
  creationDate: string;
  /** The author's family name. */
  author: string;
}

export type SandboxRecord = { diagnosis: SandboxDiagnosis } | { document: SandboxDocument };

const DIAGNOSES = new Set(['ClinicMainDiagnosis', 'Diagnosis']);
const DOCUMENTS = new Set(['MedDocument', 'ConsultNote', 'Referral', 'LaboratoryReport', 'DischargeSummary']);

export const emkFault = (errorCode: number, message: string, propertyName?: string): EmkFaultItem => ({ errorCode, message, ...(propertyName ? { propertyName } : {}) });

/** The family name of a MedicalStaff element. */
export const familyName = (staff: Element | undefined) => childText(child(child(staff, 'Person'), 'HumanName'), 'FamilyName');

/** One MedRecord, or the fault that refuses it. */
export function readMedRecord(el: Element | undefined): SandboxRecord | EmkFaultItem {
  const type = el?.getAttributeNS(EMK_NS.xsi, 'type')?.replace(/^.*:/, '') ?? '';
  if (DIAGNOSES.has(type)) {
    const info = child(el, 'DiagnosisInfo');
    const mkbCode = childText(info, 'MkbCode');
    if (!mkbCode || !findMkb10(mkbCode)) return emkFault(4, `Код МКБ-10 ${mkbCode ?? ''} не найден`, 'MkbCode');
    return { diagnosis: { mkbCode, main: childText(info, 'IdDiagnosisType') === '1' } };
  }
  if (!DOCUMENTS.has(type)) return emkFault(4, `Тип медицинской записи «${type}» не поддерживается песочницей`, 'medRecord');
  const idDocumentMis = childText(el, 'IdDocumentMis');
  const creationDate = childText(el, 'CreationDate');
  const author = familyName(child(el, 'Author'));
  if (!idDocumentMis) return emkFault(4, 'Не заполнено поле IdDocumentMis', 'IdDocumentMis');
  if (!creationDate) return emkFault(4, 'Не заполнено поле CreationDate', 'CreationDate');
  if (!author) return emkFault(4, 'Не указан автор документа', 'Author');
  const header = childText(el, 'Header');
  return { document: { idDocumentMis, type, creationDate, author, ...(header ? { header } : {}) } };
}

export const isFault = (x: SandboxRecord | EmkFaultItem): x is EmkFaultItem => 'message' in x;
