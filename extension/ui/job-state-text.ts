import type { JobState } from '../../shared/protocol/messages.ts';

/** A document's state in the doctor's words, for the popup's lists. */
export const JOB_STATE_TEXT: Record<JobState, string> = {
  prepared: 'ожидает PIN-код',
  signing: 'подписывается',
  sending: 'отправляется',
  submitted: 'ожидает ответа РЭМД',
  registered: 'зарегистрирован',
  rejected: 'отклонён',
  failed: 'ошибка отправки',
};
