/**
 * Rules over `prescription`, what a «Рецепт на лекарственный препарат» (REMD
 * kind 148) prescribes: present for that kind, the drug, route and validity
 * whole (ESKLP and the other dictionaries are not shipped), every amount a
 * number with its unit.
 */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { missingSection } from './field-checks.ts';
import { issueFor } from './rule-catalogue.ts';
import { checkCoded, checkQuantity } from './coded-concept-checks.ts';

const PRESCRIPTION_KIND = '148';

function checkPrescription(ctx: ValidationContext): Issue[] {
  const recipe = ctx.record.prescription;
  if (recipe === undefined) return missingSection(ctx, { kind: PRESCRIPTION_KIND, code: 'VALIDATION_PRESCRIPTION_REQUIRED', path: 'prescription' });
  const issues: Issue[] = [];
  for (const key of ['drug', 'route', 'validity'] as const) checkCoded(recipe[key], `prescription.${key}`, issues);
  if (recipe.priority !== undefined) checkCoded(recipe.priority, 'prescription.priority', issues);
  for (const key of ['dose', 'doseCount', 'course', 'every'] as const) checkQuantity(recipe[key], `prescription.${key}`, issues);
  if (recipe.specialPurpose !== undefined && typeof recipe.specialPurpose !== 'boolean') {
    issues.push(issueFor('VALIDATION_NOT_BOOLEAN', 'prescription.specialPurpose', { field: 'По специальному назначению' }));
  }
  return issues;
}

export const prescriptionRules: RuleGroup = { scope: 'prescription', check: checkPrescription };
