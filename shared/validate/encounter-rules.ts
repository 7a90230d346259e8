/** Rules over `encounter` dates and text: the visit happened, after birth, inside its case. */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { readDate, readText } from './field-checks.ts';
import { plausibleBirthDate } from './birth-date-rules.ts';
import { issueFor } from './rule-catalogue.ts';
import { fieldLabel } from './field-labels.ts';
import { suggestCode } from './code-suggestion.ts';
import { findPatientCondition, findPatientConditionByName } from '../dictionaries/patient-conditions.ts';

/** A past-or-today date that is not before birth; reports and returns false otherwise. */
export function checkEventDate(day: string, path: string, ctx: ValidationContext, issues: Issue[]): boolean {
  if (day > ctx.today) {
    issues.push(issueFor('VALIDATION_DATE_FUTURE', path, { field: fieldLabel(path), value: day }));
    return false;
  }
  const birthDate = plausibleBirthDate(ctx.record.patient?.birthDate, ctx.today);
  if (birthDate && day < birthDate) {
    issues.push(issueFor('VALIDATION_DATE_BEFORE_BIRTH', path, { field: fieldLabel(path), value: day, birthDate }));
    return false;
  }
  return true;
}

function checkEncounter(ctx: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const e = ctx.record.encounter ?? {};
  readText(e.caseId, 'encounter.caseId', issues, false);
  readText(e.conclusion, 'encounter.conclusion', issues, 'VALIDATION_REQUIRED');
  checkCondition(readText(e.patientCondition, 'encounter.patientCondition', issues, false), issues);
  const visitDate = readDate(e.visitDate, 'encounter.visitDate', issues, 'VALIDATION_REQUIRED');
  const openDate = readDate(e.openDate, 'encounter.openDate', issues, false);
  const closeDate = readDate(e.closeDate, 'encounter.closeDate', issues, false);
  const visitOk = visitDate !== undefined && checkEventDate(visitDate, 'encounter.visitDate', ctx, issues);
  const openOk = openDate !== undefined && checkEventDate(openDate, 'encounter.openDate', ctx, issues);
  const closeOk = closeDate !== undefined && checkEventDate(closeDate, 'encounter.closeDate', ctx, issues);
  if (openOk && closeOk && closeDate < openDate) {
    issues.push(issueFor('VALIDATION_CASE_CLOSED_BEFORE_OPEN', 'encounter.closeDate', { value: closeDate, openDate }));
  } else if (visitOk && (openOk || closeOk) && outsideCase(visitDate, openOk ? openDate : undefined, closeOk ? closeDate : undefined)) {
    issues.push(
      issueFor('VALIDATION_VISIT_OUTSIDE_CASE', 'encounter.visitDate', { value: visitDate, openDate: openDate ?? '…', closeDate: closeDate ?? '…' }),
    );
  }
  return issues;
}

function checkCondition(code: string | undefined, issues: Issue[]): void {
  if (code === undefined || findPatientCondition(code)) return;
  const suggestion = suggestCode(code, findPatientConditionByName);
  issues.push(issueFor('VALIDATION_CONDITION_UNKNOWN', 'encounter.patientCondition', { value: code, suggestion }));
}

function outsideCase(visit: string, open: string | undefined, close: string | undefined): boolean {
  return (open !== undefined && visit < open) || (close !== undefined && visit > close);
}

export const encounterRules: RuleGroup = { scope: 'encounter', check: checkEncounter };
