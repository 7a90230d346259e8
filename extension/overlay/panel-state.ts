import type { JobState } from '../../shared/protocol/messages.ts';
import { hasErrors, type Issue } from '../../shared/validate/issue.ts';
import type { JobView } from '../messaging/runtime-messages.ts';

/** The panel's `data-egisz-state` (the DOM automation contract). */
export type PanelState = 'invalid' | 'ready' | 'signing' | 'sending' | 'registered' | 'rejected' | 'failed';

const BY_JOB: Record<JobState, PanelState> = {
  prepared: 'signing', // waiting for the PIN in the confirm tab
  signing: 'signing',
  sending: 'sending',
  submitted: 'sending',
  registered: 'registered',
  rejected: 'rejected',
  failed: 'failed',
};

export function panelState(job: JobView | undefined, issues: readonly Issue[]): PanelState {
  if (job) return BY_JOB[job.state];
  return hasErrors(issues) ? 'invalid' : 'ready';
}

/** One Russian line under the title, per job state or per validity. */
export function statusLine(job: JobView | undefined, issues: readonly Issue[]): string {
  switch (job?.state) {
    case 'prepared':
      return 'Проверьте документ и введите PIN-код во вкладке «Подпись документа»';
    case 'signing':
      return 'Документ подписывается…';
    case 'sending':
      return 'Документ подписан и отправляется в РЭМД…';
    case 'submitted':
      return 'Документ отправлен, ожидается ответ РЭМД…';
    case 'registered':
      return 'Документ зарегистрирован в РЭМД';
    case 'rejected':
      return 'РЭМД отклонил документ: исправьте ошибки и отправьте снова';
    case 'failed':
      return 'Не удалось отправить документ';
    case undefined:
      return hasErrors(issues) ? 'Исправьте ошибки в отмеченных полях' : 'Документ готов к подписи';
  }
}

/** The button works only with a valid record and no job under way. */
export const canSignAndSend = (state: PanelState): boolean => state === 'ready';
