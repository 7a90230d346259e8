import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../../shared/protocol/messages.ts';
import type { Issue } from '../../../../shared/validate/issue.ts';
import { canSignAndSend, panelState, statusLine } from '../../../../extension/overlay/panel-state.ts';

const error: Issue = { path: 'patient.snils', code: 'X', severity: 'error', message: 'ошибка' };
const warning: Issue = { ...error, severity: 'warning' };

describe('panelState', () => {
  it.each([
    [[], 'ready'],
    [[warning], 'ready'],
    [[warning, error], 'invalid'],
  ] as const)('without a job, findings %j → %s', (issues, state) => {
    expect(panelState(undefined, issues)).toBe(state);
  });

  it.each<[JobState, string]>([
    ['prepared', 'signing'],
    ['signing', 'signing'],
    ['sending', 'sending'],
    ['submitted', 'sending'],
    ['registered', 'registered'],
    ['rejected', 'rejected'],
    ['failed', 'failed'],
  ])('job %s → %s, whatever the findings', (job, state) => {
    expect(panelState({ jobId: 'j', state: job }, [error])).toBe(state);
  });

  it('allows «Подписать и отправить» only when ready', () => {
    const states = ['invalid', 'ready', 'signing', 'sending', 'registered', 'rejected', 'failed'] as const;
    expect(states.filter(canSignAndSend)).toEqual(['ready']);
  });

  it('words the status for the doctor', () => {
    expect(statusLine(undefined, [error])).toBe('Исправьте ошибки в отмеченных полях');
    expect(statusLine({ jobId: 'j', state: 'prepared' }, [])).toMatch(/PIN-код/);
  });
});
