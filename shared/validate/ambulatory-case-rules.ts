/**
 * Rules over `ambulatoryCase`, the closed case an «Эпикриз по законченному
 * случаю амбулаторный» (REMD kind 42) sums up: present for that kind, the case
 * closed (both dates), every coded value whole and from its own dictionary
 * (none is shipped: the MIS gives them complete), a 1077 kind for each
 * diagnosis role the case has (the main one is code 1, as 42.sch У3-6 reads
 * it), at least one visit inside the case period with at least one service,
 * a visit's own doctor checked as the record's is.
 */
import type { CodedConcept, DiagnosisRole } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { checkCoded } from './coded-concept-checks.ts';
import { fieldLabel } from './field-labels.ts';
import { missingSection, readDate, readText } from './field-checks.ts';
import { checkPractitionerAt } from './practitioner-rules.ts';
import { issueFor } from './rule-catalogue.ts';

const CASE_KIND = '42';
const nsi = (n: string): string => `1.2.643.5.1.13.13.11.${n}`;

const roleNames: Record<DiagnosisRole, string> = { main: 'основной', concomitant: 'сопутствующий', complication: 'осложнение' };

/** A whole coded value from the named dictionary (42.sch checks each code system). */
function checkCodedFrom(value: unknown, path: string, dictionary: string, issues: Issue[]): void {
  const before = issues.length;
  checkCoded(value, path, issues);
  const codeSystem = (value as Partial<CodedConcept> | null | undefined)?.codeSystem;
  if (issues.length === before && codeSystem !== nsi(dictionary)) {
    issues.push(issueFor('VALIDATION_CODE_SYSTEM_MISMATCH', `${path}.codeSystem`, { field: fieldLabel(path), expected: nsi(dictionary), value: String(codeSystem) }));
  }
}

function checkDiagnosisKinds(kinds: unknown, ctx: ValidationContext, issues: Issue[]): void {
  const given = (typeof kinds === 'object' && kinds !== null ? kinds : {}) as Partial<Record<DiagnosisRole, unknown>>;
  const diagnoses = Array.isArray(ctx.record.encounter?.diagnoses) ? ctx.record.encounter.diagnoses : [];
  const roles = new Set<DiagnosisRole>(['main', ...diagnoses.map((d) => d?.role).filter((r): r is DiagnosisRole => r !== undefined && r in roleNames)]);
  for (const role of roles) {
    const path = `ambulatoryCase.diagnosisKinds.${role}`;
    if (given[role] === undefined) issues.push(issueFor('VALIDATION_DIAGNOSIS_KIND_MISSING', path, { role: roleNames[role] }));
    else checkCodedFrom(given[role], path, '1077', issues);
  }
  const mainCode = (given.main as Partial<CodedConcept> | undefined)?.code;
  if (typeof mainCode === 'string' && mainCode !== '' && mainCode !== '1') {
    issues.push(issueFor('VALIDATION_MAIN_DIAGNOSIS_KIND', 'ambulatoryCase.diagnosisKinds.main.code', { value: mainCode }));
  }
}

function checkVisits(visits: unknown, ctx: ValidationContext, issues: Issue[]): void {
  if (!Array.isArray(visits) || visits.length === 0) {
    issues.push(issueFor('VALIDATION_CASE_VISITS_REQUIRED', 'ambulatoryCase.visits'));
    return;
  }
  const { openDate, closeDate } = ctx.record.encounter ?? {};
  visits.forEach((visit: Record<string, unknown> | null, i) => {
    const path = `ambulatoryCase.visits.${i}`;
    const date = readDate(visit?.date, `${path}.date`, issues, 'VALIDATION_REQUIRED');
    if (date !== undefined && typeof openDate === 'string' && typeof closeDate === 'string' && (date < openDate || date > closeDate)) {
      issues.push(issueFor('VALIDATION_CASE_VISIT_OUTSIDE', `${path}.date`, { number: i + 1, value: date, openDate, closeDate }));
    }
    checkCodedFrom(visit?.place, `${path}.place`, '1008', issues);
    const services = visit?.services;
    if (!Array.isArray(services) || services.length === 0) issues.push(issueFor('VALIDATION_VISIT_SERVICES_REQUIRED', `${path}.services`, { number: i + 1 }));
    else services.forEach((service, j) => checkCodedFrom(service, `${path}.services.${j}`, '1070', issues));
    for (const key of ['complaints', 'examination', 'conclusion', 'recommendations']) readText(visit?.[key], `${path}.${key}`, issues, false);
    if (visit?.practitioner !== undefined) issues.push(...checkPractitionerAt(visit.practitioner, `${path}.practitioner`, ctx));
  });
}

function checkAmbulatoryCase(ctx: ValidationContext): Issue[] {
  const closed = ctx.record.ambulatoryCase;
  if (closed === undefined) return missingSection(ctx, { kind: CASE_KIND, code: 'VALIDATION_CASE_REQUIRED', path: 'ambulatoryCase' });
  const issues: Issue[] = [];
  const { openDate, closeDate } = ctx.record.encounter ?? {};
  if (!openDate) issues.push(issueFor('VALIDATION_CASE_NOT_CLOSED', 'encounter.openDate'));
  if (!closeDate) issues.push(issueFor('VALIDATION_CASE_NOT_CLOSED', 'encounter.closeDate'));
  checkCodedFrom(closed.visitKind, 'ambulatoryCase.visitKind', '1007', issues);
  checkCodedFrom(closed.diagnosisStage, 'ambulatoryCase.diagnosisStage', '1076', issues);
  const optional = [['result', '1009'], ['outcome', '1046'], ['paymentSource', '1039']] as const;
  for (const [key, dictionary] of optional) if (closed[key] !== undefined) checkCodedFrom(closed[key], `ambulatoryCase.${key}`, dictionary, issues);
  checkDiagnosisKinds(closed.diagnosisKinds, ctx, issues);
  checkVisits(closed.visits, ctx, issues);
  if (closed.drugs !== undefined) (Array.isArray(closed.drugs) ? closed.drugs : [undefined]).forEach((drug, i) => checkCodedFrom(drug, `ambulatoryCase.drugs.${i}`, '1367', issues));
  readText(closed.nonDrugTreatment, 'ambulatoryCase.nonDrugTreatment', issues, false);
  return issues;
}

export const ambulatoryCaseRules: RuleGroup = { scope: 'ambulatoryCase', check: checkAmbulatoryCase };
