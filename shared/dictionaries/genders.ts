/** Пол пациента, NSI 1.2.643.5.1.13.13.11.1040, and its mapping to the record's Gender. */
import type { Gender } from '../domain/record.ts';
import { lazyTable, nameKey, type DictEntry, type DictionaryRef } from './dictionary.ts';
import { ref, rows } from './data/genders-data.js';

export const gendersRef: DictionaryRef = ref;

const table = lazyTable<DictEntry>(ref, rows, ([code = '', name = '']) => ({ code, name }));

const RECORD_CODES: Readonly<Record<Gender, string>> = { male: '1', female: '2' };

export function findGender(code: string): DictEntry | undefined {
  return table.byCode(code);
}

/** By the dictionary's text, or the short forms MIS pages show: «М», «муж.», «Ж», «жен.». */
export function findGenderByName(text: string): DictEntry | undefined {
  const exact = table.byName(text);
  if (exact) return exact;
  const key = nameKey(text).replace(/\.$/, '');
  if (key === 'м' || key === 'муж') return table.byCode('1');
  if (key === 'ж' || key === 'жен') return table.byCode('2');
  return undefined;
}

/** The NSI 1040 entry for a record's gender (male → 1, female → 2). */
export function genderEntry(gender: Gender): DictEntry {
  const entry = table.byCode(RECORD_CODES[gender]);
  if (!entry) throw new Error(`NSI 1040 has no code ${RECORD_CODES[gender]}`);
  return entry;
}

/** The record's gender for an NSI 1040 code or text; undefined for «Неопределенный» and unknowns. */
export function recordGender(codeOrText: string): Gender | undefined {
  const entry = findGender(codeOrText) ?? findGenderByName(codeOrText);
  if (entry?.code === '1') return 'male';
  if (entry?.code === '2') return 'female';
  return undefined;
}
