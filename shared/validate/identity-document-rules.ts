/**
 * The patient's identity document (type from NSI 1.2.643.5.1.13.13.99.2.48).
 * ГИП matches patients on it, so the form of the most common one, the
 * Russian internal passport (type 1), is checked closely.
 */
import type { IdentityDocument } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import type { ValidationContext } from './validation-context.ts';
import { readDate, readText } from './field-checks.ts';
import { issueFor } from './rule-catalogue.ts';
import { checkEventDate } from './encounter-rules.ts';
import { plausibleBirthDate } from './birth-date-rules.ts';
import { fullYearsBetween } from './calendar-date.ts';

const PATH = 'patient.identityDocument';
/** NSI 99.2.48 code 1: Паспорт гражданина Российской Федерации. */
const RUSSIAN_PASSPORT = '1';
const PASSPORT_AGE = 14;

export function checkIdentityDocument(value: unknown, ctx: ValidationContext, issues: Issue[]): void {
  if (value === undefined || value === null) return;
  const doc: Partial<IdentityDocument> = typeof value === 'object' ? value : {};
  const type = readText(doc.type, `${PATH}.type`, issues, 'VALIDATION_REQUIRED')?.trim();
  const series = readText(doc.series, `${PATH}.series`, issues, type === RUSSIAN_PASSPORT && 'VALIDATION_REQUIRED');
  const number = readText(doc.number, `${PATH}.number`, issues, 'VALIDATION_REQUIRED');
  if (type === RUSSIAN_PASSPORT) {
    if (series !== undefined && !/^\d{4}$/.test(series.replace(/\s/g, ''))) issues.push(issueFor('VALIDATION_PASSPORT_SERIES', `${PATH}.series`, { value: series }));
    if (number !== undefined && !/^\d{6}$/.test(number.trim())) issues.push(issueFor('VALIDATION_PASSPORT_NUMBER', `${PATH}.number`, { value: number }));
  }
  const issued = readDate(doc.issueDate, `${PATH}.issueDate`, issues, false);
  if (!issued || !checkEventDate(issued, `${PATH}.issueDate`, ctx, issues)) return;
  const birthDate = plausibleBirthDate(ctx.record.patient?.birthDate, ctx.today);
  if (type === RUSSIAN_PASSPORT && birthDate && fullYearsBetween(birthDate, issued) < PASSPORT_AGE) {
    issues.push(issueFor('VALIDATION_PASSPORT_ISSUED_TOO_EARLY', `${PATH}.issueDate`, { value: issued }));
  }
}
