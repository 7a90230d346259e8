/** Rules over `practitioner`: the doctor as FRMR (the federal staff register) knows them. */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { readDate, readSnils, readText } from './field-checks.ts';
import { checkBirthDate } from './birth-date-rules.ts';

function checkPractitioner(ctx: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const p = ctx.record.practitioner ?? {};
  readSnils(p.snils, 'practitioner.snils', issues, 'VALIDATION_PRACTITIONER_SNILS_REQUIRED', 'VALIDATION_PRACTITIONER_SNILS_CHECKSUM');
  readText(p.lastName, 'practitioner.lastName', issues, 'VALIDATION_REQUIRED');
  readText(p.firstName, 'practitioner.firstName', issues, 'VALIDATION_REQUIRED');
  readText(p.middleName, 'practitioner.middleName', issues, false);
  const birthDate = readDate(p.birthDate, 'practitioner.birthDate', issues, false);
  if (birthDate) checkBirthDate(birthDate, ctx.today, 'practitioner.birthDate', issues);
  return issues;
}

export const practitionerRules: RuleGroup = { scope: 'practitioner', check: checkPractitioner };
