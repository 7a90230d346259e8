/**
 * The sandbox IEMK reading MedRecords: a diagnosis (MedRec.Diag) or a
 * document (MedRec.MedDoc), by its i:type, checked as the service would check
 * it before storing: a known МКБ-10 code; a document's IdDocumentMis,
 * CreationDate and Author; each attachment with the file (Data, signed by a
 * doctor) or a Url. Whether a REMD link names a registration is the
 * service's check (it knows the registry).
 */
import { findMkb10 } from '../../shared/dictionaries/mkb10.ts';
import { EMK_NS, REMD_LINK_PREFIX, type EmkFaultItem } from '../egisz/iemk/emk-contract.ts';
import { child, childText, elementChildren, type Element } from '../egisz/remd/xml-reader.ts';

export interface SandboxDiagnosis {
  mkbCode: string;
  main: boolean;
  /** DiagnosisInfo.MkbCodeChange: the code this one replaces. */
  previousMkbCode?: string;
}

export interface SandboxDocument {
  idDocumentMis: string;
  /** The MedDocument subtype, e.g. ConsultNote. */
  type: string;
  header?: string;
  creationDate: string;
  /** The author's family name. */
  author: string;
  /** The REMD registrations its attachments link to (emdrIds). */
  remdLinks: string[];
  /** How many attachments carry the file itself. */
  files: number;
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
    const previousMkbCode = childText(info, 'MkbCodeChange');
    return { diagnosis: { mkbCode, main: childText(info, 'IdDiagnosisType') === '1', ...(previousMkbCode ? { previousMkbCode } : {}) } };
  }
  if (!DOCUMENTS.has(type)) return emkFault(4, `Тип медицинской записи «${type}» не поддерживается песочницей`, 'medRecord');
  const idDocumentMis = childText(el, 'IdDocumentMis');
  const creationDate = childText(el, 'CreationDate');
  const author = familyName(child(el, 'Author'));
  if (!idDocumentMis) return emkFault(4, 'Не заполнено поле IdDocumentMis', 'IdDocumentMis');
  if (!creationDate) return emkFault(4, 'Не заполнено поле CreationDate', 'CreationDate');
  if (!author) return emkFault(4, 'Не указан автор документа', 'Author');
  const attachments = readAttachments(child(el, 'Attachments'));
  if (isFault(attachments)) return attachments;
  const header = childText(el, 'Header');
  return { document: { idDocumentMis, type, creationDate, author, ...(header ? { header } : {}), ...attachments } };
}

/** DocumentAttachment items: each the signed file or a Url; a REMD link by its registration number. */
function readAttachments(list: Element | undefined): Pick<SandboxDocument, 'remdLinks' | 'files'> | EmkFaultItem {
  const read = { remdLinks: [] as string[], files: 0 };
  for (const a of list ? elementChildren(list) : []) {
    const data = childText(a, 'Data'), url = childText(a, 'Url');
    if (data) {
      const signs = child(a, 'PersonalSigns');
      if (!signs || !elementChildren(signs).some((s) => childText(s, 'Sign'))) return emkFault(4, 'Файл документа без подписи врача (PersonalSigns)', 'Attachments');
      read.files += 1;
    } else if (url?.startsWith(REMD_LINK_PREFIX)) read.remdLinks.push(url.slice(REMD_LINK_PREFIX.length));
    else if (!url) return emkFault(4, 'Вложение без файла (Data) и без ссылки (Url)', 'Attachments');
  }
  return read;
}

export const isFault = <T extends object>(x: T | EmkFaultItem): x is EmkFaultItem => 'message' in x;
