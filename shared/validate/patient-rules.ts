/** Rules over `patient`: identity as ГИП (the federal patient index) will match it. */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { readDate, readSnils, readText } from './field-checks.ts';
import { checkBirthDate } from './birth-date-rules.ts';
import { issueFor } from './rule-catalogue.ts';
import { findDocumentKind, requiresPatientSnils } from '../dictionaries/document-kinds.ts';

function snilsRequired(ctx: ValidationContext): boolean {
  const kind = ctx.record.document?.kind;
  const entry = typeof kind === 'string' ? findDocumentKind(kind) : undefined;
  // Unknown kind: insist, since most kinds require it.
  return entry ? requiresPatientSnils(entry) : true;
}

function checkPatient(ctx: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const p = ctx.record.patient ?? {};
  readSnils(p.snils, 'patient.snils', issues, snilsRequired(ctx) && 'VALIDATION_PATIENT_SNILS_REQUIRED', 'VALIDATION_PATIENT_SNILS_CHECKSUM');
  readText(p.lastName, 'patient.lastName', issues, 'VALIDATION_PATIENT_LAST_NAME_REQUIRED');
  readText(p.firstName, 'patient.firstName', issues, 'VALIDATION_PATIENT_FIRST_NAME_REQUIRED');
  readText(p.middleName, 'patient.middleName', issues, false);
  const birthDate = readDate(p.birthDate, 'patient.birthDate', issues, 'VALIDATION_REQUIRED');
  if (birthDate) checkBirthDate(birthDate, ctx.today, 'patient.birthDate', issues);
  const gender = readText(p.gender, 'patient.gender', issues, 'VALIDATION_REQUIRED');
  if (gender !== undefined && gender !== 'male' && gender !== 'female') {
    issues.push(issueFor('VALIDATION_GENDER', 'patient.gender', { value: gender }));
  }
  return issues;
}

export const patientRules: RuleGroup = { scope: 'patient', check: checkPatient };
