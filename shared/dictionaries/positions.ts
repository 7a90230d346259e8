/** Должности медицинских и фармацевтических работников, NSI 1.2.643.5.1.13.13.11.1002. */
import { lazyTable, type DictEntry, type DictionaryRef } from './dictionary.ts';
import { ref, rows } from './data/positions-data.js';

export interface PositionEntry extends DictEntry {
  /** The other-gender form of the name, e.g. «Медицинский брат …». */
  synonym?: string;
  actual: boolean;
  /** YYYY-MM-DD when the entry stopped being valid, if it did. */
  endDate?: string;
  /** A grouping entry, not a position in itself. */
  group: boolean;
}

export const positionsRef: DictionaryRef = ref;

const table = lazyTable<PositionEntry>(
  ref,
  rows,
  ([code = '', name = '', synonym, actual, endDate, group]) => ({
    code,
    name,
    ...(synonym ? { synonym } : {}),
    actual: actual === '1',
    ...(endDate ? { endDate } : {}),
    group: group === '1',
  }),
  (e) => (e.synonym ? [e.synonym] : []),
);

export function findPosition(code: string): PositionEntry | undefined {
  return table.byCode(code);
}

export function findPositionByName(text: string): PositionEntry | undefined {
  return table.byName(text);
}

export function positionEntries(): readonly PositionEntry[] {
  return table.entries();
}
