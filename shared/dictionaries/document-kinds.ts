/**
 * Виды РЭМД (регистрируемые электронные медицинские документы),
 * NSI 1.2.643.5.1.13.13.11.1520: the `kind` REMD registers a document under.
 */
import { lazyTable, type DictEntry, type DictionaryRef } from './dictionary.ts';
import { ref, rows } from './data/document-kinds-data.js';

export interface DocumentKindEntry extends DictEntry {
  /** Код вида медицинской документации, NSI 1522 (ClinicalDocument/code). */
  type: string;
  /** YYYY-MM-DD: REMD registers this kind from this day. */
  startDate?: string;
  /** YYYY-MM-DD: REMD stops registering this kind from this day. */
  endDate?: string;
  /** Whether patient data (and SNILS) are required: «Обязательны с указанием СНИЛС» etc. */
  patientInfo: string;
  /** MO_SIGN «Да»: the organization signs the document too (registerDocument orgSignature). */
  organizationSignature: boolean;
}

export const documentKindsRef: DictionaryRef = ref;

const table = lazyTable<DocumentKindEntry>(ref, rows, ([code = '', name = '', type = '', startDate, endDate, patientInfo = '', moSign]) => ({
  code,
  name,
  type,
  ...(startDate ? { startDate } : {}),
  ...(endDate ? { endDate } : {}),
  patientInfo,
  organizationSignature: moSign === '1',
}));

export function findDocumentKind(code: string): DocumentKindEntry | undefined {
  return table.byCode(code);
}

export function findDocumentKindByName(text: string): DocumentKindEntry | undefined {
  return table.byName(text);
}

export function documentKindEntries(): readonly DocumentKindEntry[] {
  return table.entries();
}

/** True when REMD accepts documents of this kind created on the day (YYYY-MM-DD). */
export function isDocumentKindValidOn(kind: DocumentKindEntry, day: string): boolean {
  if (kind.startDate && day < kind.startDate) return false;
  if (kind.endDate && day >= kind.endDate) return false;
  return true;
}

/** True when the kind requires the patient's SNILS. */
export function requiresPatientSnils(kind: DocumentKindEntry): boolean {
  return kind.patientInfo.includes('СНИЛС');
}

/** NSI 1520 MO_SIGN: whether REMD wants the organization's signature on documents of this kind. */
export function requiresOrganizationSignature(kind: string): boolean {
  return findDocumentKind(kind)?.organizationSignature ?? false;
}
