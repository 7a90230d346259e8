/** What the content script scrapes from the demo MIS consultation page. */
import type { DraftRecord } from '../../../shared/domain/record.ts';

export const consultation = (conclusion = 'Состояние удовлетворительное. Рекомендовано обильное питьё.'): DraftRecord => ({
  patient: { snils: '15642781886', lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич', birthDate: '1980-05-14', gender: 'male' },
  practitioner: { snils: '11223344595', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' },
  encounter: { visitDate: new Date().toISOString().slice(0, 10), diagnoses: [{ code: 'J06.9', role: 'main' }], conclusion },
  document: { kind: '119' },
});
