/**
 * Rules over `laboratory`, the study a «Протокол лабораторного исследования»
 * (REMD kind 186) records: present for that kind, every coded value whole
 * (their dictionaries are not shipped: the MIS gives them complete), moments
 * with their time zone, a number where a unit is given.
 */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { missingSection, readText } from './field-checks.ts';
import { issueFor } from './rule-catalogue.ts';
import { parseDateTime } from './calendar-date.ts';
import { checkCoded, checkQuantity, decimalNumber } from './coded-concept-checks.ts';

const LABORATORY_KIND = '186';

function checkMoment(value: unknown, path: string, issues: Issue[]): void {
  const text = readText(value, path, issues, 'VALIDATION_REQUIRED');
  if (text === undefined) return;
  const parsed = parseDateTime(text.trim());
  if (!parsed || !parsed.hasZone) issues.push(issueFor('VALIDATION_MOMENT_FORMAT', path, { value: text }));
}

function checkResults(results: unknown, issues: Issue[]): void {
  if (!Array.isArray(results) || results.length === 0) {
    issues.push(issueFor('VALIDATION_LAB_RESULTS_REQUIRED', 'laboratory.results'));
    return;
  }
  results.forEach((result: Record<string, unknown> | null, i) => {
    const path = `laboratory.results.${i}`;
    checkCoded(result?.test, `${path}.test`, issues);
    const value = readText(result?.value, `${path}.value`, issues, 'VALIDATION_REQUIRED');
    if (result?.unit !== undefined) {
      checkCoded(result.unit, `${path}.unit`, issues);
      if (value !== undefined && !decimalNumber.test(value.trim())) issues.push(issueFor('VALIDATION_VALUE_NOT_NUMBER', `${path}.value`, { value }));
    }
    if (result?.interpretation !== undefined) checkCoded(result.interpretation, `${path}.interpretation`, issues);
    checkMoment(result?.performedAt, `${path}.performedAt`, issues);
  });
}

function checkLaboratory(ctx: ValidationContext): Issue[] {
  const lab = ctx.record.laboratory;
  if (lab === undefined) return missingSection(ctx, { kind: LABORATORY_KIND, code: 'VALIDATION_LAB_STUDY_REQUIRED', path: 'laboratory' });
  const issues: Issue[] = [];
  checkCoded(lab.service, 'laboratory.service', issues);
  const specimen = (lab.specimen ?? {}) as Partial<NonNullable<typeof lab.specimen>>;
  readText(specimen.id, 'laboratory.specimen.id', issues, 'VALIDATION_REQUIRED');
  checkCoded(specimen.kind, 'laboratory.specimen.kind', issues);
  checkQuantity(specimen.quantity, 'laboratory.specimen.quantity', issues);
  checkMoment(specimen.collectedAt, 'laboratory.specimen.collectedAt', issues);
  readText(lab.analyser?.id, 'laboratory.analyser.id', issues, 'VALIDATION_REQUIRED');
  readText(lab.analyser?.model, 'laboratory.analyser.model', issues, 'VALIDATION_REQUIRED');
  checkResults(lab.results, issues);
  return issues;
}

export const laboratoryRules: RuleGroup = { scope: 'laboratory', check: checkLaboratory };
