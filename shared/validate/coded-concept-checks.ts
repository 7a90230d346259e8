/**
 * Checks of values from dictionaries the project does not ship (lab tests,
 * units, drugs…): the record carries them whole, so each part must be there
 * and the code system must be an OID; an amount is a decimal number.
 */
import type { CodedConcept } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import { readText } from './field-checks.ts';
import { fieldLabel } from './field-labels.ts';
import { issueFor } from './rule-catalogue.ts';

const codedParts = ['code', 'codeSystem', 'codeSystemVersion', 'codeSystemName', 'displayName'] as const;
const oid = /^[0-2](\.(0|[1-9]\d*))+$/;
export const decimalNumber = /^-?\d+([.,]\d+)?$/;

export function checkCoded(value: unknown, path: string, issues: Issue[]): void {
  const coded = (value ?? undefined) as Partial<CodedConcept> | undefined;
  if (coded === undefined || typeof coded !== 'object') {
    issues.push(issueFor('VALIDATION_REQUIRED', path, { field: fieldLabel(path) }));
    return;
  }
  for (const part of codedParts) readText(coded[part], `${path}.${part}`, issues, 'VALIDATION_REQUIRED');
  if (typeof coded.codeSystem === 'string' && coded.codeSystem !== '' && !oid.test(coded.codeSystem)) {
    issues.push(issueFor('VALIDATION_CODE_SYSTEM_FORMAT', `${path}.codeSystem`, { value: coded.codeSystem }));
  }
}

/** A number with its unit (NSI 1.2.643.5.1.13.13.11.1358). */
export function checkQuantity(value: unknown, path: string, issues: Issue[]): void {
  const quantity = (value ?? {}) as { value?: unknown; unit?: unknown };
  const amount = readText(quantity.value, `${path}.value`, issues, 'VALIDATION_REQUIRED');
  if (amount !== undefined && !decimalNumber.test(amount.trim())) issues.push(issueFor('VALIDATION_VALUE_NOT_NUMBER', `${path}.value`, { value: amount }));
  checkCoded(quantity.unit, `${path}.unit`, issues);
}
