/** Виды медицинской документации, NSI 1.2.643.5.1.13.13.11.1522 (ClinicalDocument/code). */
import { lazyTable, type DictEntry, type DictionaryRef } from './dictionary.ts';
import { ref, rows } from './data/document-types-data.js';

export interface DocumentTypeEntry extends DictEntry {
  /** The type's own OID, e.g. 1.2.643.5.1.13.13.14.5. */
  oid: string;
  actual: boolean;
}

export const documentTypesRef: DictionaryRef = ref;

const table = lazyTable<DocumentTypeEntry>(ref, rows, ([code = '', name = '', oid = '', actual]) => ({
  code,
  name,
  oid,
  actual: actual === '1',
}));

export function findDocumentType(code: string): DocumentTypeEntry | undefined {
  return table.byCode(code);
}

export function findDocumentTypeByName(text: string): DocumentTypeEntry | undefined {
  return table.byName(text);
}
