/** Степень тяжести состояния пациента, NSI 1.2.643.5.1.13.13.11.1006 (the condition SEMD 119 records). */
import { lazyTable, type DictEntry, type DictionaryRef } from './dictionary.ts';
import { ref, rows } from './data/patient-conditions-data.js';

export const patientConditionsRef: DictionaryRef = ref;

const table = lazyTable<DictEntry>(ref, rows, ([code = '', name = '']) => ({ code, name }));

export function findPatientCondition(code: string): DictEntry | undefined {
  return table.byCode(code);
}

export function findPatientConditionByName(text: string): DictEntry | undefined {
  return table.byName(text);
}
