/**
 * Rules over `encounter.diagnoses`: at least one, exactly one main, each coded
 * by a leaf code that exists in МКБ-10 and fits the patient's sex and age.
 */
import type { Diagnosis } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { issueFor } from './rule-catalogue.ts';
import { readText } from './field-checks.ts';
import { isMkb10CodeForm, repairMkb10Code } from './mkb10-code.ts';
import { checkMkb10Entry } from './mkb10-rules.ts';
import { findMkb10, findMkb10ByName } from '../dictionaries/mkb10.ts';

const ROLES: ReadonlySet<string> = new Set(['main', 'concomitant', 'complication']);
const PATH = 'encounter.diagnoses';

function checkDiagnoses(ctx: ValidationContext): Issue[] {
  const list: unknown = ctx.record.encounter?.diagnoses;
  if (!Array.isArray(list) || list.length === 0) return [issueFor('VALIDATION_DIAGNOSIS_REQUIRED', PATH)];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  let mains = 0;
  list.forEach((item: unknown, index) => {
    const d: Partial<Diagnosis> = typeof item === 'object' && item !== null ? item : {};
    const code = checkCode(d.code, `${PATH}.${index}.code`, ctx, issues);
    if (code && seen.has(code)) issues.push(issueFor('VALIDATION_DIAGNOSIS_DUPLICATE', `${PATH}.${index}.code`, { value: code }));
    if (code) seen.add(code);
    const role = readText(d.role, `${PATH}.${index}.role`, issues, 'VALIDATION_REQUIRED');
    if (role !== undefined && !ROLES.has(role)) issues.push(issueFor('VALIDATION_DIAGNOSIS_ROLE', `${PATH}.${index}.role`, { value: role }));
    if (role === 'main' && ++mains > 1) issues.push(issueFor('VALIDATION_DIAGNOSIS_MAIN_DUPLICATE', `${PATH}.${index}.role`));
    if (role === 'main' && code && findMkb10(code)?.dualCoding === '*') {
      issues.push(issueFor('VALIDATION_MKB_ASTERISK_MAIN', `${PATH}.${index}.code`, { value: code }));
    }
  });
  if (mains === 0) issues.push(issueFor('VALIDATION_DIAGNOSIS_MAIN_MISSING', PATH));
  return issues;
}

/** Returns the code when it is well-formed (further rules may still flag it). */
function checkCode(value: unknown, path: string, ctx: ValidationContext, issues: Issue[]): string | undefined {
  const code = readText(value, path, issues, 'VALIDATION_REQUIRED');
  if (code === undefined) return undefined;
  if (!isMkb10CodeForm(code)) {
    const repaired = repairMkb10Code(code) ?? findMkb10ByName(code)?.code;
    issues.push(issueFor('VALIDATION_MKB_FORMAT', path, { value: code, fix: repaired ? `Возможно, имелось в виду ${repaired}` : '' }));
    return undefined;
  }
  checkMkb10Entry(code, path, ctx, issues);
  return code;
}

export const diagnosisRules: RuleGroup = { scope: PATH, check: checkDiagnoses };
