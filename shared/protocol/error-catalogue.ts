/**
 * The agent's error codes on the wire, grouped by pipeline stage. Each has
 * Russian text for the user (what happened and what to do) and whether
 * trying again later can help. Validation rule codes live in
 * shared/validate/rule-catalogue.ts; token codes come from the signing layer.
 */
export interface ErrorEntry {
  message: string;
  retriable: boolean;
}

export const agentErrors = {
  AGENT_BAD_FRAME: { message: 'Агент получил повреждённое сообщение от расширения. Обновите страницу и повторите.', retriable: true },
  AGENT_NOT_PAIRED: { message: 'Расширение не сопряжено с агентом. Откройте настройки расширения и введите код сопряжения, который показывает агент.', retriable: false },
  AGENT_PAIRING_CODE_INVALID: { message: 'Код сопряжения неверен или устарел. Получите новый код в окне агента.', retriable: false },
  AGENT_RATE_LIMITED: { message: 'Слишком много запросов к агенту. Подождите несколько секунд.', retriable: true },
  AGENT_JOB_NOT_FOUND: { message: 'Документ не найден в агенте (возможно, агент был перезапущен). Нажмите «Подписать и отправить» ещё раз.', retriable: false },
  AGENT_INTERNAL: { message: 'Внутренняя ошибка агента. Документ не потерян; повторите попытку или обратитесь к администратору.', retriable: true },
  AGENT_UNAVAILABLE: { message: 'Агент ЕГИСЗ-мост не отвечает. Проверьте, что он запущен на этом компьютере.', retriable: true },
  VALIDATION_FAILED: { message: 'В документе есть ошибки. Исправьте отмеченные поля.', retriable: false },
  DOCUMENT_XSD_INVALID: { message: 'Документ не прошёл проверку по официальной XSD-схеме. Обратитесь к администратору: данные формы не укладываются в формат СЭМД.', retriable: false },
  DOCUMENT_SCHEMATRON_FAILED: { message: 'Документ не прошёл проверку по официальным правилам СЭМД (Schematron), которые РЭМД применяет после отправки. Исправьте отмеченные поля.', retriable: false },
  PREFLIGHT_FAILED: { message: 'ЕГИСЗ не примет документ: данные расходятся с федеральными реестрами или этот визит уже отправлен. Подробности в списке ошибок.', retriable: false },
  DOCUMENT_CERTIFICATE_REJECTED: { message: 'Сертификат подписи не подходит для этого документа. Подробности в списке ошибок.', retriable: false },
  BATCH_TOO_LARGE: { message: 'За один ввод PIN-кода можно подписать не больше 200 документов. Выберите меньше документов.', retriable: false },
  BATCH_MIXED_CERTIFICATES: { message: 'Документы пакета подписываются разными сертификатами. Подпишите их по отдельности.', retriable: false },
  CASES_NOT_AVAILABLE: { message: 'Учёт случаев ведёт агент рабочего места с токеном подписи; этот агент его не ведёт.', retriable: false },
  CASE_NOT_FOUND: { message: 'Случай или посещение не найдены у этого пациента: список случаев устарел. Обновите страницу.', retriable: false },
  CASE_EDIT_INVALID: { message: 'Случай не закрыт: дата закрытия должна быть не раньше последнего посещения и не позже сегодняшнего дня.', retriable: false },
  SUBMIT_NETWORK: { message: 'Нет связи с РЭМД. Документ сохранён и будет отправлен повторно.', retriable: true },
} satisfies Record<string, ErrorEntry>;

export type AgentErrorCode = keyof typeof agentErrors;
