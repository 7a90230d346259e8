import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { RULES, issueFor, type RuleCode } from '../../../../shared/validate/rule-catalogue.ts';

// REMD NSI 305 (1.2.643.5.1.13.13.99.2.305) as the agent ships it.
const csv = readFileSync(new URL('../../../../agent/egisz/remd/data/nsi-305-error-codes.csv', import.meta.url), 'utf8');
const remdCodes = new Set(csv.split('\n').slice(1).map((line) => line.split(',')[0]).filter(Boolean));

describe('rule catalogue', () => {
  const entries = Object.entries(RULES) as [RuleCode, (typeof RULES)[RuleCode]][];

  it.each(entries)('%s: a Russian message and, if any, a real REMD code', (code, rule) => {
    expect(code).toMatch(/^VALIDATION_[A-Z0-9_]+$/);
    expect(rule.message).toMatch(/[А-Яа-яЁё]/);
    if ('remdCode' in rule && rule.remdCode && rule.remdCode !== '{remd}') expect(remdCodes).toContain(rule.remdCode);
  });

  it('maps the rules the issue names to the REMD codes they prevent', () => {
    expect(RULES.VALIDATION_PATIENT_SNILS_REQUIRED.remdCode).toBe('NO_SNILS');
    expect(RULES.VALIDATION_MKB_UNKNOWN.remdCode).toBe('INVALID_ELEMENT_VALUE_CODE');
    expect(RULES.VALIDATION_DOCUMENT_KIND_NOT_ON_DATE.remdCode).toBe('NO_DOCUMENT_KIND_ON_DATE');
  });

  it('fills placeholders and drops a hint or REMD code left without its value', () => {
    const issue = issueFor('VALIDATION_NAME_CASE', 'patient.lastName', { field: 'Фамилия пациента', value: 'ПЕТРОВ', fixed: 'Петров', remd: 'PATIENT_MPI_MISMATCH' });
    expect(issue).toEqual({
      path: 'patient.lastName',
      code: 'VALIDATION_NAME_CASE',
      severity: 'warning',
      message: 'В поле «Фамилия пациента» неверный регистр букв: ПЕТРОВ',
      hint: 'Должно быть: Петров',
      remdCode: 'PATIENT_MPI_MISMATCH',
    });
    const bare = issueFor('VALIDATION_NAME_CASE', 'patient.lastName', { field: 'Фамилия пациента', value: 'ПЕТРОВ' });
    expect(bare.hint).toBeUndefined();
    expect(bare.remdCode).toBeUndefined();
  });
});
