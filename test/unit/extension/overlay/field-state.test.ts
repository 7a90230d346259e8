import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../../shared/validate/issue.ts';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { markState, pageIssues, remdIssues, worstState } from '../../../../extension/overlay/field-state.ts';

const issue = (path: string, severity: Issue['severity']): Issue => ({ path, code: 'C', severity, message: path });
const record = { patient: { snils: '15642781886', lastName: '' } };

describe('markState', () => {
  it.each([
    ['patient.snils', [], 'ok'],
    ['patient.snils', [issue('patient.snils', 'warning')], 'warning'],
    ['patient.snils', [issue('patient.snils', 'warning'), issue('patient.snils', 'error')], 'error'],
    ['patient.snils', [issue('patient.snilsX', 'error')], 'ok'],
    ['patient.lastName', [], 'empty'],
    ['patient.middleName', [], 'empty'],
    // A coded value's parts belong to its field: a missing name marks the whole select.
    ['patient.snils', [issue('patient.snils.code', 'error')], 'error'],
  ] as const)('%s with %j → %s', (path, issues, state) => {
    expect(markState(path, issues, record)).toBe(state);
  });

  it('takes the worst of a group', () => {
    expect(worstState(['ok', 'empty', 'warning'])).toBe('warning');
    expect(worstState(['ok', 'error', 'warning'])).toBe('error');
    expect(worstState([])).toBe('ok');
  });
});

describe('pageIssues', () => {
  it('drops what the agent completes from its config, keeps the page’s own fields', () => {
    const issues = [
      issue('organization.oid', 'error'),
      issue('practitioner.positionCode', 'warning'),
      issue('document.createdAt', 'error'),
      issue('practitioner.snils', 'error'),
      issue('organizationX', 'error'),
    ];
    expect(pageIssues(issues, builtinProfiles[0]!).map((i) => i.path)).toEqual(['practitioner.snils', 'organizationX']);
  });

  it('reads `*` in agentCompleted as any one segment: each visit’s place is the agent’s', () => {
    const caseProfile = builtinProfiles.find((p) => p.kind === '42')!;
    const issues = [
      issue('ambulatoryCase.visits.0.place', 'error'),
      issue('ambulatoryCase.visits.11.place.code', 'error'),
      issue('ambulatoryCase.visits.0.date', 'error'),
      issue('ambulatoryCase.diagnosisKinds.main', 'error'),
      issue('ambulatoryCase.visitKindX', 'error'),
    ];
    expect(pageIssues(issues, caseProfile).map((i) => i.path)).toEqual(['ambulatoryCase.visits.0.date', 'ambulatoryCase.visitKindX']);
  });
});

describe('remdIssues', () => {
  it('turns REMD errors into field errors, pathless ones onto the document', () => {
    expect(remdIssues([{ code: 'NO_SNILS', message: 'Нет СНИЛС', path: 'patient.snils' }, { code: 'E', message: 'Сбой' }])).toEqual([
      { path: 'patient.snils', code: 'NO_SNILS', severity: 'error', message: 'Нет СНИЛС' },
      { path: '', code: 'E', severity: 'error', message: 'Сбой' },
    ]);
  });
});
