/**
 * HL7 TS values as the Russian profile's Schematron accepts them:
 * dates `YYYYMMDD`, moments `YYYYMMDDHHMM+ZZZZ` (119.sch У1-14: minutes, no seconds).
 */

import { SemdError } from './semd-error.ts';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoMoment = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** `1980-05-14` → `19800514`. */
export function cdaDate(date: string): string {
  const m = isoDate.exec(date);
  if (!m) throw new SemdError('DOCUMENT_DATE_INVALID', `Дата «${date}» не в формате ГГГГ-ММ-ДД`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** `2026-11-26T10:15:00+03:00` → `202611261015+0300`; `Z` becomes `+0000`. */
export function cdaMoment(moment: string): string {
  const m = isoMoment.exec(moment);
  if (!m) throw new SemdError('DOCUMENT_DATE_INVALID', `Дата и время «${moment}» не в формате ISO 8601 с часовым поясом`);
  const zone = m[6] === 'Z' || m[6] === undefined ? '+0000' : m[6].replace(':', '');
  return `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${zone}`;
}

/** `19800514` → `14.05.1980`; `202611261015+0300` → `26.11.2026 10:15 (UTC+03:00)`. */
export function readableTs(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:\d{2})?([+-]\d{2})(\d{2}))?$/.exec(value);
  if (!m) return value;
  const date = `${m[3]}.${m[2]}.${m[1]}`;
  return m[4] === undefined ? date : `${date} ${m[4]}:${m[5]} (UTC${m[6]}:${m[7]})`;
}
