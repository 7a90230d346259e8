import { describe, expect, it } from 'vitest';
import { remdErrorCode } from '../../../../agent/egisz/remd/remd-error-catalogue.ts';
import { PREFLIGHT_RULES, preflightIssue, type PreflightCode } from '../../../../agent/preflight/preflight-catalogue.ts';
import { RULES } from '../../../../shared/validate/rule-catalogue.ts';

describe('pre-flight catalogue', () => {
  const entries = Object.entries(PREFLIGHT_RULES) as [PreflightCode, (typeof PREFLIGHT_RULES)[PreflightCode]][];

  it.each(entries)('%s: a Russian message and, if any, a real NSI 305 code', (code, rule) => {
    expect(code).toMatch(/^PREFLIGHT_[A-Z0-9_]+$/);
    expect(rule.message).toMatch(/[А-Яа-яЁё]/);
    if (rule.remdCode) expect(remdErrorCode(rule.remdCode), rule.remdCode).toBeDefined();
  });

  it('shares no code with the validation catalogue', () => {
    expect(Object.keys(PREFLIGHT_RULES).filter((code) => code in RULES)).toEqual([]);
  });

  it('fills the message and carries the REMD code', () => {
    expect(preflightIssue('PREFLIGHT_PERSON_NOT_FOUND', 'practitioner.snils', { snils: '20030040048' })).toEqual({
      path: 'practitioner.snils', code: 'PREFLIGHT_PERSON_NOT_FOUND', severity: 'error', remdCode: 'PERSON_NOT_FOUND',
      message: 'Врача со СНИЛС 20030040048 нет в ФРМР: РЭМД не примет его подпись',
      hint: 'Попросите кадровую службу внести сотрудника в ФРМР или проверьте СНИЛС врача',
    });
  });
});
