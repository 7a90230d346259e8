import type { CodedConcept } from '../../shared/domain/record.ts';
import { normalizeSnils } from '../../shared/validate/snils.ts';
import type { DatePattern, FieldFormat } from './site-profile.ts';

/** A record value read from the page: text, or a whole coded value. */
export type FieldValue = string | CodedConcept | Partial<CodedConcept>;

/**
 * Turns the raw text of a field into record values, one per path of its rule.
 * Blank text gives undefined (a missing value); text that cannot be parsed is
 * passed on trimmed, so the validator reports it as malformed rather than missing.
 */
export function formatField(raw: string, format: FieldFormat): (FieldValue | undefined)[] {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (format.kind === 'fio') return splitFio(text);
  if (text === '') return [undefined];
  switch (format.kind) {
    case 'text':
      return [text];
    case 'snils':
      return [normalizeSnils(text)];
    case 'date':
      return [parseDate(text, format.pattern)];
    case 'map':
      return [lookUp(format.values, text)];
    case 'coded':
      return [codedValue(format, text)];
  }
}

/** The dictionary with the table's code and name; an unknown value keeps its raw code and no name. */
function codedValue(format: Extract<FieldFormat, { kind: 'coded' }>, text: string): Partial<CodedConcept> {
  const found = lookUpEntry(format.values, text);
  return { ...format.dictionary, ...(found ?? { code: text }) };
}

const lookUp = (values: Record<string, string>, text: string): string => lookUpEntry(values, text) ?? text;

/** Exact key first, then without case and spaces: «Мужской », «мужской». */
function lookUpEntry<T>(values: Record<string, T>, text: string): T | undefined {
  const exact = values[text];
  if (exact !== undefined) return exact;
  const key = text.toLowerCase().replace(/\s+/g, '');
  return Object.entries(values).find(([k]) => k.toLowerCase().replace(/\s+/g, '') === key)?.[1];
}

const DATE_PATTERNS: Record<DatePattern, RegExp> = {
  'dd.mm.yyyy': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  'dd/mm/yyyy': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'yyyy-mm-dd': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
};

/**
 * "14.05.1980" → "1980-05-14". The page's pattern first, then ISO (ExtJS
 * date fields and <input type=date> give ISO). Calendar sanity (31.02) is the validator's job.
 */
export function parseDate(text: string, pattern: DatePattern): string {
  const parts = (DATE_PATTERNS[pattern].exec(text) ?? DATE_PATTERNS['yyyy-mm-dd'].exec(text))?.groups;
  if (!parts) return text;
  const { d = '', m = '', y = '' } = parts;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** "1980-05-14" → "14.05.1980": a record date shown the way the form writes it. */
export function displayDate(iso: string, pattern: DatePattern): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!parts) return iso;
  const [, y, m, d] = parts;
  if (pattern === 'yyyy-mm-dd') return iso;
  return pattern === 'dd/mm/yyyy' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
}

/** "Иванова Мария Петровна" → [last, first, middle]; a double-barrelled middle part stays whole. */
export function splitFio(text: string): (string | undefined)[] {
  const [last, first, ...middle] = text.split(' ').filter(Boolean);
  return [last, first, middle.length > 0 ? middle.join(' ') : undefined];
}
