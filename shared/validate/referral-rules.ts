/**
 * Rules over `referral` (SEMD 185) and `study` (SEMD 174), the parts of a
 * referral and of an instrumental-study protocol the MIS form states. Both
 * may be left out: the agent then takes the clinic's settings (careFacts),
 * and the SEMD check says what is missing. Given, they must be whole.
 */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { checkCoded } from './coded-concept-checks.ts';
import { readText } from './field-checks.ts';
import { isOrganizationOid } from './organization-oid.ts';
import { issueFor } from './rule-catalogue.ts';

function checkReferral(ctx: ValidationContext): Issue[] {
  const referral = ctx.record.referral;
  if (referral === undefined) return [];
  const issues: Issue[] = [];
  const oid = readText(referral.organization?.oid, 'referral.organization.oid', issues, 'VALIDATION_REQUIRED')?.trim();
  if (oid !== undefined && !isOrganizationOid(oid)) issues.push(issueFor('VALIDATION_ORGANIZATION_OID_FORMAT', 'referral.organization.oid', { value: oid }));
  readText(referral.organization?.name, 'referral.organization.name', issues, 'VALIDATION_REQUIRED');
  // A service without a code in NSI 1070 is named in words.
  if (typeof referral.service === 'string' || referral.service === undefined) readText(referral.service, 'referral.service', issues, 'VALIDATION_REQUIRED');
  else checkCoded(referral.service, 'referral.service', issues);
  if (referral.comment !== undefined) readText(referral.comment, 'referral.comment', issues, false);
  return issues;
}

function checkStudy(ctx: ValidationContext): Issue[] {
  const study = ctx.record.study;
  if (study === undefined) return [];
  const issues: Issue[] = [];
  checkCoded(study.service, 'study.service', issues);
  readText(study.description, 'study.description', issues, 'VALIDATION_REQUIRED');
  return issues;
}

export const referralRules: RuleGroup = { scope: 'referral', check: checkReferral };
export const studyRules: RuleGroup = { scope: 'study', check: checkStudy };
