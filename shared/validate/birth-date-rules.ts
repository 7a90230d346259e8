/** A birth date is plausible: not in the future, and the person at most 130 years old. */
import type { Issue } from './issue.ts';
import { issueFor } from './rule-catalogue.ts';
import { fullYearsBetween } from './calendar-date.ts';

export const MAX_AGE_YEARS = 130;

/** Checks a valid YYYY-MM-DD birth date against today; returns true when plausible. */
export function checkBirthDate(birthDate: string, today: string, path: string, issues: Issue[]): boolean {
  if (birthDate > today) {
    issues.push(issueFor('VALIDATION_BIRTH_DATE_FUTURE', path, { value: birthDate }));
    return false;
  }
  if (fullYearsBetween(birthDate, today) > MAX_AGE_YEARS) {
    issues.push(issueFor('VALIDATION_BIRTH_DATE_TOO_OLD', path, { value: birthDate }));
    return false;
  }
  return true;
}

/** The patient's birth date when it is present, well-formed and plausible; else undefined. */
export function plausibleBirthDate(value: unknown, today: string): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const scratch: Issue[] = [];
  return checkBirthDate(value, today, '', scratch) ? value : undefined;
}
