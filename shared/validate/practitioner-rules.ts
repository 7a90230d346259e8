/** Rules over `practitioner`: the doctor as FRMR (the federal staff register) knows them. */
import type { Practitioner } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { readDate, readSnils, readText } from './field-checks.ts';
import { checkBirthDate } from './birth-date-rules.ts';
import { checkNames } from './name-rules.ts';
import { issueFor } from './rule-catalogue.ts';
import { formatAge, fullYearsBetween } from './calendar-date.ts';
import { findPosition, findPositionByName } from '../dictionaries/positions.ts';
import { findSpecialty, findSpecialtyByName } from '../dictionaries/specialties.ts';
import { suggestCode } from './code-suggestion.ts';

/** Younger than this, nobody holds a medical position. */
const MIN_PRACTITIONER_AGE = 16;

function checkPractitioner(ctx: ValidationContext): Issue[] {
  return checkPractitionerAt(ctx.record.practitioner, 'practitioner', ctx);
}

/** A doctor anywhere in the record (`path`: practitioner, or a visit's own doctor). */
export function checkPractitionerAt(value: unknown, path: string, ctx: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const p = (typeof value === 'object' && value !== null ? value : {}) as Partial<Practitioner>;
  readSnils(p.snils, `${path}.snils`, issues, 'VALIDATION_PRACTITIONER_SNILS_REQUIRED', 'VALIDATION_PRACTITIONER_SNILS_CHECKSUM');
  checkNames(path, p, { lastName: 'VALIDATION_REQUIRED', firstName: 'VALIDATION_REQUIRED' }, 'VALUE_MISMATCH_METADATA_AND_FRMR', issues);
  const birthDate = readDate(p.birthDate, `${path}.birthDate`, issues, false);
  if (birthDate && checkBirthDate(birthDate, ctx.today, `${path}.birthDate`, issues)) {
    const age = fullYearsBetween(birthDate, ctx.today);
    if (age < MIN_PRACTITIONER_AGE) issues.push(issueFor('VALIDATION_PRACTITIONER_AGE', `${path}.birthDate`, { value: birthDate, age: formatAge(age) }));
  }
  checkPosition(readText(p.positionCode, `${path}.positionCode`, issues, false), `${path}.positionCode`, issues);
  checkSpecialty(readText(p.specialtyCode, `${path}.specialtyCode`, issues, false), `${path}.specialtyCode`, issues);
  return issues;
}

function checkPosition(code: string | undefined, path: string, issues: Issue[]): void {
  if (code === undefined) {
    issues.push(issueFor('VALIDATION_POSITION_MISSING', path));
    return;
  }
  const entry = findPosition(code);
  if (!entry || entry.group) issues.push(issueFor('VALIDATION_POSITION_UNKNOWN', path, { value: code, suggestion: suggestCode(code, findPositionByName) }));
  else if (!entry.actual) issues.push(issueFor('VALIDATION_POSITION_NOT_ACTUAL', path, { value: code, name: entry.name }));
}

function checkSpecialty(code: string | undefined, path: string, issues: Issue[]): void {
  if (code === undefined) return;
  const entry = findSpecialty(code);
  if (!entry) issues.push(issueFor('VALIDATION_SPECIALTY_UNKNOWN', path, { value: code, suggestion: suggestCode(code, findSpecialtyByName) }));
  else if (!entry.actual) issues.push(issueFor('VALIDATION_SPECIALTY_NOT_ACTUAL', path, { value: code, name: entry.name }));
}

export const practitionerRules: RuleGroup = { scope: 'practitioner', check: checkPractitioner };
