import { describe, expect, it } from 'vitest';
import { SIGNING_RULES_COLUMNS as C, SIGNING_RULES_OID } from '../../../../agent/egisz/registries/signing-rules.ts';
import { checkSignerPosition } from '../../../../agent/preflight/signer-position-checks.ts';
import { hasErrors } from '../../../../shared/validate/issue.ts';
import { demoConsultation } from '../../../fixtures/semd/demo-record.ts';

const rules = (...rows: [kind: string, role: string, position: string, start: string, end: string | null][]) => ({
  passport: { oid: SIGNING_RULES_OID, version: '3.1', rowsCount: rows.length },
  rows: rows.map(([kind, role, position, start, end], i) => ({ [C.id]: String(i + 1), [C.kind]: kind, [C.role]: role, [C.position]: position, [C.startDate]: start, [C.endDate]: end })),
  fetchedAt: '2026-11-26T00:00:00Z',
});

describe('checkSignerPosition (NSI 99.2.42 downloaded from FNSI)', () => {
  const record = (positionCode: string) => {
    const r = demoConsultation();
    r.document.createdAt = '2026-11-26T10:00:00+03:00';
    r.practitioner.positionCode = positionCode;
    return r;
  };
  const therapistsOnly = rules(['119', 'DOCTOR', '109', '01.01.2022', null]);

  it('passes a position the rules allow for the kind in the role DOCTOR', () => {
    expect(checkSignerPosition(record('109'), therapistsOnly)).toEqual([]);
  });

  it('blocks another position on the position field, naming POSITION_TO_ROLE_MISMATCH and the dictionary version', () => {
    const [issue] = checkSignerPosition(record('159'), therapistsOnly);
    expect(issue).toMatchObject({ code: 'PREFLIGHT_POSITION_MAY_NOT_SIGN', severity: 'error', path: 'practitioner.positionCode', remdCode: 'POSITION_TO_ROLE_MISMATCH' });
    expect(issue!.message).toContain('Медицинская сестра');
    expect(issue!.message).toContain('3.1');
  });

  it('blocks when the role has no rule on the creation date (NO_ROLE_POLICY_ON_DATE)', () => {
    const ended = rules(['119', 'DOCTOR', '109', '01.01.2022', '01.11.2026']);
    expect(checkSignerPosition(record('109'), ended)[0]).toMatchObject({ code: 'PREFLIGHT_NO_ROLE_POLICY_ON_DATE', severity: 'error', remdCode: 'NO_ROLE_POLICY_ON_DATE' });
    const otherRole = rules(['119', 'HEAD_DOCTOR', '4', '01.01.2022', null]);
    expect(checkSignerPosition(record('109'), otherRole)[0]?.code).toBe('PREFLIGHT_NO_ROLE_POLICY_ON_DATE');
  });

  it('says nothing about a kind the rules do not list', () => {
    expect(checkSignerPosition(record('159'), rules(['186', 'DOCTOR', '35', '01.01.2022', null]))).toEqual([]);
  });

  it('without a downloaded copy gives an info note that blocks nothing', () => {
    const issues = checkSignerPosition(record('159'), undefined);
    expect(issues).toEqual([expect.objectContaining({ code: 'PREFLIGHT_SIGNING_RULES_MISSING', severity: 'info', path: '' })]);
    expect(hasErrors(issues)).toBe(false);
  });
});
