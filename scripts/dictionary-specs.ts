/**
 * What scripts/build-dictionaries.ts keeps of each FNSI dictionary: the
 * columns the product uses, in a fixed order, one row per entry.
 */
import type { DumpRow } from './build-dictionaries.ts';

export interface DictionarySpec {
  oid: string;
  /** Output module name under shared/dictionaries/data/. */
  module: string;
  columns: readonly string[];
  table: (rows: DumpRow[]) => string[][];
}

/** FNSI writes dates as DD.MM.YYYY (sometimes with a time); the record uses YYYY-MM-DD. */
export function isoDay(value: string | null | undefined): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(value ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}

const flag = (value: string | null | undefined) => (value === '1' || value === 'true' ? '1' : '');
const text = (value: string | null | undefined) => value ?? '';
const byNumericCode = (a: string[], b: string[]) => Number(a[0]) - Number(b[0]) || (a[0] ?? '').localeCompare(b[0] ?? '');

/**
 * МКБ-10 in classification order (REC_CODE). Each row knows its parent's code
 * and its chapter (class, in Roman numerals), and whether it is a leaf: a code
 * no other row refines, the level a diagnosis must be coded at. ADDL_CODE
 * marks dual coding: 1 = † (the cause), 2 = * (a manifestation).
 */
export function mkb10Table(rows: DumpRow[]): string[][] {
  const byId = new Map(rows.map((r) => [r.ID, r]));
  const hasChildren = new Set(rows.map((r) => r.ID_PARENT).filter(Boolean));
  const chapterOf = (row: DumpRow): string => {
    let current: DumpRow | undefined = row;
    for (let depth = 0; current?.ID_PARENT && depth < 10; depth++) current = byId.get(current.ID_PARENT);
    return current?.MKB_CODE ?? '';
  };
  return [...rows]
    .sort((a, b) => (a.REC_CODE ?? '').localeCompare(b.REC_CODE ?? ''))
    .map((r) => [
      text(r.MKB_CODE),
      text(r.MKB_NAME),
      r.ID_PARENT ? text(byId.get(r.ID_PARENT)?.MKB_CODE) : '',
      chapterOf(r),
      hasChildren.has(r.ID) ? '' : '1',
      flag(r.ACTUAL),
      r.ADDL_CODE === '1' ? '†' : r.ADDL_CODE === '2' ? '*' : '',
    ]);
}

export const DICTIONARY_SPECS: readonly DictionarySpec[] = [
  {
    oid: '1.2.643.5.1.13.13.11.1005',
    module: 'mkb10-data',
    columns: ['code', 'name', 'parent', 'chapter', 'leaf', 'actual', 'dualCoding'],
    table: mkb10Table,
  },
  {
    oid: '1.2.643.5.1.13.13.11.1040',
    module: 'genders-data',
    columns: ['code', 'name'],
    table: (rows) => rows.map((r) => [text(r.ID), text(r.NAME)]).sort(byNumericCode),
  },
  {
    oid: '1.2.643.5.1.13.13.11.1002',
    module: 'positions-data',
    columns: ['code', 'name', 'synonym', 'actual', 'endDate', 'group'],
    table: (rows) =>
      rows
        .map((r) => [text(r.ID), text(r.NAME), text(r.EQUIVALENT), flag(r.ACTUAL), isoDay(r.DATA_END), flag(r.GROUP)])
        .sort(byNumericCode),
  },
  {
    oid: '1.2.643.5.1.13.13.11.1066',
    module: 'specialties-data',
    columns: ['code', 'name', 'actual', 'endDate'],
    table: (rows) => rows.map((r) => [text(r.ID), text(r.NAME), flag(r.REL), isoDay(r.DATEOUT)]).sort(byNumericCode),
  },
  {
    oid: '1.2.643.5.1.13.13.11.1520',
    module: 'document-kinds-data',
    columns: ['code', 'name', 'type', 'startDate', 'endDate', 'patientInfo', 'organizationSignature'],
    table: (rows) =>
      rows
        .map((r) => [
          text(r.OID), text(r.NAME), text(r.TYPE), isoDay(r.START_DATE), isoDay(r.END_DATE), text(r.PATIENT_INFO),
          r.MO_SIGN === 'Да' ? '1' : '', // MO_SIGN: the organization signs too (registerDocument orgSignature)
        ])
        .sort(byNumericCode),
  },
  {
    oid: '1.2.643.5.1.13.13.11.1522',
    module: 'document-types-data',
    columns: ['code', 'name', 'oid', 'actual'],
    table: (rows) => rows.map((r) => [text(r.RECID), text(r.Name), text(r.OID), flag(r.ACTUAL)]).sort(byNumericCode),
  },
  {
    oid: '1.2.643.5.1.13.13.11.1006',
    module: 'patient-conditions-data',
    columns: ['code', 'name'],
    table: (rows) => rows.map((r) => [text(r.ID), text(r.NAME)]).sort(byNumericCode),
  },
  {
    oid: '1.2.643.5.1.13.13.99.2.285',
    module: 'confidentiality-data',
    columns: ['code', 'name', 'id'],
    table: (rows) => rows.map((r) => [text(r.CODE), text(r.NAME), text(r.ID)]).sort((a, b) => Number(a[2]) - Number(b[2])),
  },
];
