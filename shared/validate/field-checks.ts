/**
 * Checks shared by the rule groups: presence, text type, calendar dates and
 * SNILS. Each pushes its findings and returns the usable value, if any, so the
 * caller can go on with cross-field rules only when the field is sound.
 */
import type { Issue } from './issue.ts';
import type { ValidationContext } from './validation-context.ts';
import { issueFor, type RuleCode } from './rule-catalogue.ts';
import { fieldLabel } from './field-labels.ts';
import { isCalendarDate } from './calendar-date.ts';
import { isValidSnils, normalizeSnils, formatSnils } from './snils.ts';

/** The rule to report when a field is empty, or false when the field is optional. */
export type Presence = RuleCode | false;

/** A non-blank string, or undefined (with an issue when required or not text). */
export function readText(value: unknown, path: string, issues: Issue[], presence: Presence): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (presence) issues.push(issueFor(presence, path, { field: fieldLabel(path) }));
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.push(issueFor('VALIDATION_NOT_TEXT', path, { field: fieldLabel(path) }));
    return undefined;
  }
  return value;
}

/** A YYYY-MM-DD date that exists, or undefined. */
export function readDate(value: unknown, path: string, issues: Issue[], presence: Presence): string | undefined {
  const text = readText(value, path, issues, presence);
  if (text === undefined) return undefined;
  if (isCalendarDate(text.trim())) return text.trim();
  issues.push(issueFor('VALIDATION_DATE_FORMAT', path, { field: fieldLabel(path), value: text }));
  return undefined;
}

/** A SNILS with separators or without; returns the normalised digits when valid. */
export function readSnils(
  value: unknown,
  path: string,
  issues: Issue[],
  presence: Presence,
  checksumRule: RuleCode,
): string | undefined {
  const text = readText(value, path, issues, presence);
  if (text === undefined) return undefined;
  const digits = normalizeSnils(text);
  if (digits.length !== 11 || /[^\d\s-]/.test(text)) {
    issues.push(issueFor('VALIDATION_SNILS_FORMAT', path, { field: fieldLabel(path), count: digits.length }));
    return undefined;
  }
  if (!isValidSnils(digits)) {
    issues.push(issueFor(checksumRule, path, { value: formatSnils(digits) }));
    return undefined;
  }
  return digits;
}

/**
 * An optional identifier made of digits (ИНН, ОГРН, ЕНП): spaces are tolerated,
 * anything else is counted against the form. Returns the digits when the form
 * and the checksum hold.
 */
export function readDigitsId(
  value: unknown,
  path: string,
  issues: Issue[],
  rules: { lengths: readonly number[]; format: RuleCode; checksum: RuleCode; isValid: (digits: string) => boolean },
): string | undefined {
  const text = readText(value, path, issues, false);
  if (text === undefined) return undefined;
  const compact = text.replace(/\s+/g, '');
  if (!/^\d+$/.test(compact) || !rules.lengths.includes(compact.length)) {
    issues.push(issueFor(rules.format, path, { field: fieldLabel(path), count: compact.replace(/\D/g, '').length, value: text }));
    return undefined;
  }
  if (!rules.isValid(compact)) {
    issues.push(issueFor(rules.checksum, path, { field: fieldLabel(path), value: compact }));
    return undefined;
  }
  return compact;
}

/** An optional phone: only digits, spaces and + - ( ) . , with 10 or 11 digits (Russian numbers). */
export function checkPhone(value: unknown, path: string, issues: Issue[]): void {
  const text = readText(value, path, issues, false);
  if (text === undefined) return;
  const digits = text.replace(/\D/g, '');
  if (!/^[\d\s+\-().]+$/.test(text) || digits.length < 10 || digits.length > 11) {
    issues.push(issueFor('VALIDATION_PHONE_FORMAT', path, { field: fieldLabel(path), value: text }));
  }
}

/**
 * A record without the section a document kind is built from: an issue when
 * the record's kind needs it, none for other kinds, which leave it out.
 */
export function missingSection(ctx: ValidationContext, section: { kind: string; code: RuleCode; path: string }): Issue[] {
  return ctx.record.document?.kind === section.kind ? [issueFor(section.code, section.path)] : [];
}
