/** Rules over `organization`: the clinic as FRMO (the federal register of organizations) knows it. */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { readText } from './field-checks.ts';

function checkOrganization(ctx: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const o = ctx.record.organization ?? {};
  readText(o.oid, 'organization.oid', issues, 'VALIDATION_REQUIRED');
  readText(o.name, 'organization.name', issues, 'VALIDATION_REQUIRED');
  return issues;
}

export const organizationRules: RuleGroup = { scope: 'organization', check: checkOrganization };
