/** Rules over `organization`: the clinic as FRMO (the federal register of organizations) knows it. */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { checkPhone, readDigitsId, readText } from './field-checks.ts';
import { issueFor } from './rule-catalogue.ts';
import { isDepartmentOf, isOrganizationOid } from './organization-oid.ts';
import { isValidInn } from './inn.ts';
import { isValidOgrn, isValidOgrnip } from './ogrn.ts';
import { isValidKpp } from './kpp.ts';

const isValidOgrnOrOgrnip = (digits: string) => (digits.length === 13 ? isValidOgrn(digits) : isValidOgrnip(digits));

function checkOrganization(ctx: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const o: Record<string, unknown> = { ...ctx.record.organization };
  const oid = readText(o.oid, 'organization.oid', issues, 'VALIDATION_REQUIRED')?.trim();
  const oidOk = oid !== undefined && isOrganizationOid(oid);
  if (oid !== undefined && !oidOk) issues.push(issueFor('VALIDATION_ORGANIZATION_OID_FORMAT', 'organization.oid', { value: oid }));
  readText(o.name, 'organization.name', issues, 'VALIDATION_REQUIRED');
  readDigitsId(o.inn, 'organization.inn', issues, { lengths: [10, 12], format: 'VALIDATION_INN_FORMAT', checksum: 'VALIDATION_INN_CHECKSUM', isValid: isValidInn });
  readDigitsId(o.ogrn, 'organization.ogrn', issues, { lengths: [13, 15], format: 'VALIDATION_OGRN_FORMAT', checksum: 'VALIDATION_OGRN_CHECKSUM', isValid: isValidOgrnOrOgrnip });
  const kpp = readText(o.kpp, 'organization.kpp', issues, false);
  if (kpp !== undefined && !isValidKpp(kpp.trim())) issues.push(issueFor('VALIDATION_KPP_FORMAT', 'organization.kpp', { value: kpp }));
  checkPhone(o.phone, 'organization.phone', issues);
  const department = readText(o.departmentOid, 'organization.departmentOid', issues, false)?.trim();
  if (department === undefined) issues.push(issueFor('VALIDATION_DEPARTMENT_MISSING', 'organization.departmentOid'));
  else if (oidOk && !isDepartmentOf(department, oid)) {
    issues.push(issueFor('VALIDATION_DEPARTMENT_OID_FORMAT', 'organization.departmentOid', { value: department, organizationOid: oid }));
  }
  return issues;
}

export const organizationRules: RuleGroup = { scope: 'organization', check: checkOrganization };
