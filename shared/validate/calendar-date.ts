/**
 * Calendar dates as the record carries them: "YYYY-MM-DD" strings. They sort
 * as text, so comparisons stay string comparisons and need no time zone.
 */

const DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the text is YYYY-MM-DD and that day exists (no 2023-02-29). */
export function isCalendarDate(text: string): boolean {
  const m = DATE_FORM.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The user's local calendar day of an instant, as YYYY-MM-DD. */
export function localDay(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** Full years from birth to a day (both YYYY-MM-DD, assumed valid). */
export function fullYearsBetween(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** «1 год», «3 года», «25 лет»: how a Russian form shows an age. */
export function formatAge(years: number): string {
  const mod100 = years % 100;
  const mod10 = years % 10;
  if (mod100 >= 11 && mod100 <= 14) return `${years} лет`;
  if (mod10 === 1) return `${years} год`;
  if (mod10 >= 2 && mod10 <= 4) return `${years} года`;
  return `${years} лет`;
}

const DATETIME_FORM = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

export interface ParsedDateTime {
  /** The calendar day as written (the clinic's local day). */
  day: string;
  hasZone: boolean;
  /** The instant; without a zone it is read as the machine's local time. */
  instant: Date;
}

/** Parses ISO 8601 date-time with an optional offset; undefined when malformed. */
export function parseDateTime(text: string): ParsedDateTime | undefined {
  const m = DATETIME_FORM.exec(text);
  if (!m || !isCalendarDate(m[1] ?? '')) return undefined;
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) return undefined;
  return { day: m[1] ?? '', hasZone: m[5] !== undefined, instant };
}
