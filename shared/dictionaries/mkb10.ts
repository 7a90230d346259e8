/**
 * МКБ-10, NSI 1.2.643.5.1.13.13.11.1005. About 220 KB gzipped, so it lives in
 * its own module: the extension may import() it lazily.
 */
import { lazyTable, type DictEntry, type DictionaryRef } from './dictionary.ts';
import { ref, rows } from './data/mkb10-data.js';

export interface Mkb10Entry extends DictEntry {
  /** Code of the parent row: a rubric, a block ("J00-J06") or a chapter ("X"); "" for chapters. */
  parent: string;
  /** The chapter (class) in Roman numerals, e.g. "XV" for O00–O99. */
  chapter: string;
  /** No other code refines this one: the level a diagnosis is coded at. */
  leaf: boolean;
  /** False for codes the Ministry has withdrawn (ACTUAL = 0). */
  actual: boolean;
  /** Dual coding: "†" the underlying disease, "*" its manifestation (never the main diagnosis); "" otherwise. */
  dualCoding: '' | '†' | '*';
}

export const mkb10Ref: DictionaryRef = ref;

const table = lazyTable<Mkb10Entry>(ref, rows, ([code = '', name = '', parent = '', chapter = '', leaf, actual, dual]) => ({
  code,
  name,
  parent,
  chapter,
  leaf: leaf === '1',
  actual: actual === '1',
  dualCoding: dual === '†' || dual === '*' ? dual : '',
}));

/** By code as written in the dictionary ("J06.9"); a lower-case letter is tolerated. */
export function findMkb10(code: string): Mkb10Entry | undefined {
  return table.byCode(code.trim().toUpperCase());
}

export function findMkb10ByName(text: string): Mkb10Entry | undefined {
  return table.byName(text);
}

/** The codes that directly refine a code, in classification order. */
export function mkb10Children(code: string): Mkb10Entry[] {
  const wanted = code.trim().toUpperCase();
  return table.entries().filter((e) => e.parent === wanted);
}

export function mkb10Entries(): readonly Mkb10Entry[] {
  return table.entries();
}
