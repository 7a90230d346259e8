/**
 * The entry point of validation. The extension runs it live on every edit,
 * the agent again before it builds the SEMD. It never throws: whatever the
 * page scraped, the answer is a list of issues.
 */
import type { DraftRecord } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import { contextFor, type RuleGroup, type ValidateOptions } from './validation-context.ts';
import { patientRules } from './patient-rules.ts';
import { practitionerRules } from './practitioner-rules.ts';
import { organizationRules } from './organization-rules.ts';
import { encounterRules } from './encounter-rules.ts';
import { laboratoryRules } from './laboratory-rules.ts';
import { prescriptionRules } from './prescription-rules.ts';
import { ambulatoryCaseRules } from './ambulatory-case-rules.ts';
import { referralRules, studyRules } from './referral-rules.ts';
import { diagnosisRules } from './diagnosis-rules.ts';
import { documentRules } from './document-rules.ts';

export type { ValidateOptions } from './validation-context.ts';

const GROUPS: readonly RuleGroup[] = [patientRules, practitionerRules, organizationRules, encounterRules, diagnosisRules, documentRules, laboratoryRules, prescriptionRules, ambulatoryCaseRules, referralRules, studyRules];

export function validateRecord(record: DraftRecord, options?: ValidateOptions): Issue[] {
  const ctx = contextFor(asDraft(record), options);
  return GROUPS.flatMap((group) => group.check(ctx));
}

/**
 * Only the issues of one field, e.g. "patient.snils" or "encounter.diagnoses.0.code".
 * Runs just the rule groups that can report on that path.
 */
export function validateField(path: string, record: DraftRecord, options?: ValidateOptions): Issue[] {
  const ctx = contextFor(asDraft(record), options);
  return GROUPS.filter((g) => path === g.scope || path.startsWith(`${g.scope}.`))
    .flatMap((group) => group.check(ctx))
    .filter((issue) => issue.path === path);
}

/** Sections that are not objects (a page may scrape anything) are read as empty. */
function asDraft(record: unknown): DraftRecord {
  if (typeof record !== 'object' || record === null) return {};
  const r = record as Record<string, unknown>;
  const section = (key: string) => (typeof r[key] === 'object' && r[key] !== null && !Array.isArray(r[key]) ? r[key] : undefined);
  return {
    patient: section('patient'),
    practitioner: section('practitioner'),
    organization: section('organization'),
    encounter: section('encounter'),
    document: section('document'),
    ...(r.laboratory !== undefined ? { laboratory: section('laboratory') ?? {} } : {}),
    ...(r.prescription !== undefined ? { prescription: section('prescription') ?? {} } : {}),
    ...(r.ambulatoryCase !== undefined ? { ambulatoryCase: section('ambulatoryCase') ?? {} } : {}),
    ...(r.referral !== undefined ? { referral: section('referral') ?? {} } : {}),
    ...(r.study !== undefined ? { study: section('study') ?? {} } : {}),
  } as DraftRecord;
}
