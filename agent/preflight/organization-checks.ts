/**
 * The organization against ФРМО: known, in force on the document date, the
 * department exists then, and the organization is bound to this information
 * system (clientEntityId) — the seed article's «нет привязки к РМИС».
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import { inForceOn, type FrmoClient } from '../egisz/registries/frmo-client.ts';
import { preflightIssue } from './preflight-catalogue.ts';
import { ask, dayOf } from './registry-answer.ts';

export async function checkOrganizationInFrmo(record: ClinicalRecord, frmo: FrmoClient, clientEntityId: string): Promise<Issue[]> {
  const { organization, document } = record;
  const answer = await ask('ФРМО', 'организация в ФРМО', 'organization.oid', () => frmo.organization(organization.oid));
  if (!answer.answered) return answer.notes;
  const org = answer.value;
  if (!org) return [...answer.notes, preflightIssue('PREFLIGHT_ORG_NOT_FOUND', 'organization.oid', { value: organization.oid })];
  const issues = [...answer.notes];
  const day = dayOf(document.createdAt);
  if (!inForceOn(org, day)) {
    issues.push(preflightIssue('PREFLIGHT_ORG_NOT_ON_DATE', 'organization.oid', { value: org.oid, deleteDate: org.deleteDate ?? '', date: day }));
  }
  const dep = organization.departmentOid;
  if (dep && !org.departments.some((d) => d.oid === dep && inForceOn(d, day))) {
    issues.push(preflightIssue('PREFLIGHT_DEPARTMENT_NOT_FOUND', 'organization.departmentOid', { value: dep, organization: org.oid, date: day }));
  }
  if (!org.rmisBindings.includes(clientEntityId)) {
    issues.push(preflightIssue('PREFLIGHT_ORG_NOT_BOUND', 'organization.oid', { value: org.oid, clientEntityId }));
  }
  return issues;
}
