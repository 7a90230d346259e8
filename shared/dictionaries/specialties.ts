/** Номенклатура специальностей, NSI 1.2.643.5.1.13.13.11.1066. */
import { lazyTable, type DictEntry, type DictionaryRef } from './dictionary.ts';
import { ref, rows } from './data/specialties-data.js';

export interface SpecialtyEntry extends DictEntry {
  actual: boolean;
  /** YYYY-MM-DD when the specialty was abolished, if it was. */
  endDate?: string;
}

export const specialtiesRef: DictionaryRef = ref;

const table = lazyTable<SpecialtyEntry>(ref, rows, ([code = '', name = '', actual, endDate]) => ({
  code,
  name,
  actual: actual === '1',
  ...(endDate ? { endDate } : {}),
}));

export function findSpecialty(code: string): SpecialtyEntry | undefined {
  return table.byCode(code);
}

export function findSpecialtyByName(text: string): SpecialtyEntry | undefined {
  return table.byName(text);
}

export function specialtyEntries(): readonly SpecialtyEntry[] {
  return table.entries();
}
