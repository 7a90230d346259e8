/** Уровень конфиденциальности медицинского документа, NSI 1.2.643.5.1.13.13.99.2.285 (N, R, V). */
import { lazyTable, type DictEntry, type DictionaryRef } from './dictionary.ts';
import { ref, rows } from './data/confidentiality-data.js';

export interface ConfidentialityEntry extends DictEntry {
  /** The row's numeric ID in NSI (1 = N). */
  id: string;
}

export const confidentialityRef: DictionaryRef = ref;

const table = lazyTable<ConfidentialityEntry>(ref, rows, ([code = '', name = '', id = '']) => ({ code, name, id }));

/** By the letter code used in confidentialityCode/@code ("N"). */
export function findConfidentiality(code: string): ConfidentialityEntry | undefined {
  return table.byCode(code.trim().toUpperCase());
}

export function findConfidentialityByName(text: string): ConfidentialityEntry | undefined {
  return table.byName(text);
}

/** The usual level: «Обычный» (N). */
export const NORMAL_CONFIDENTIALITY = 'N';
