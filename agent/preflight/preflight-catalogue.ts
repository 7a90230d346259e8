/**
 * The catalogue of pre-flight findings: checks against the registries and
 * our own history that REMD would otherwise make only after submission.
 * Same shape as shared/validate/rule-catalogue.ts (severity, Russian message
 * that says what to fix, the NSI 305 code each one prevents); the codes live
 * here because only the agent can ask the registries.
 */
import type { RuleDefinition, RuleParams } from '../../shared/validate/rule-catalogue.ts';
import type { Issue } from '../../shared/validate/issue.ts';

const error = (message: string, remdCode?: string, hint?: string): RuleDefinition => ({ severity: 'error', message, remdCode, hint });
const warning = (message: string, remdCode?: string, hint?: string): RuleDefinition => ({ severity: 'warning', message, remdCode, hint });
const info = (message: string, remdCode?: string): RuleDefinition => ({ severity: 'info', message, remdCode });

export const PREFLIGHT_RULES = {
  // ФРМР: the practitioner.
  PREFLIGHT_PERSON_NOT_FOUND: error('Врача со СНИЛС {snils} нет в ФРМР: РЭМД не примет его подпись', 'PERSON_NOT_FOUND', 'Попросите кадровую службу внести сотрудника в ФРМР или проверьте СНИЛС врача'),
  PREFLIGHT_PERSON_NAME_MISMATCH: error('ФИО врача «{value}» не совпадает с ФРМР: там «{frmr}». Исправьте ФИО в МИС или сведения в ФРМР', 'VALUE_MISMATCH_METADATA_AND_FRMR'),
  PREFLIGHT_PERSON_BIRTH_DATE_MISMATCH: error('Дата рождения врача {value} не совпадает с ФРМР ({frmr})', 'VALUE_MISMATCH_METADATA_AND_FRMR'),
  PREFLIGHT_PERSON_CARD_NOT_FOUND: error('В ФРМР нет действующего личного дела врача в организации {organization} на {date}', 'PERSON_CARD_NOT_FOUND', 'Кадровая служба должна внести место работы врача в ФРМР'),
  PREFLIGHT_PERSON_POSITION_MISMATCH: error('Должность врача (код {value}) не совпадает с должностью в ФРМР (код {frmr}): исправьте должность в МИС или в ФРМР', 'PERSON_POST_IN_FRMR_MISMATCH'),
  PREFLIGHT_CERTIFICATE_NAME_MISMATCH: error('ФИО врача «{value}» не совпадает с владельцем сертификата подписи «{certificate}»: подпишите сертификатом автора документа', 'VALUE_MISMATCH_METADATA_AND_CERTIFICATE'),

  // ФРМО: the organization.
  PREFLIGHT_ORG_NOT_FOUND: error('Организации {value} нет в ФРМО: проверьте OID организации в настройках агента', 'ORG_NOT_FOUND_IN_FRMO'),
  PREFLIGHT_ORG_NOT_ON_DATE: error('Организация {value} закрыта в ФРМО с {deleteDate}: на дату документа {date} документ зарегистрировать нельзя', 'NO_ORG_ON_DATE'),
  PREFLIGHT_DEPARTMENT_NOT_FOUND: error('Подразделения {value} нет в ФРМО у организации {organization} на {date}: проверьте OID подразделения', 'NO_DEPARTMENT'),
  PREFLIGHT_ORG_NOT_BOUND: error('Организация {value} не привязана в ФРМО к этой МИС ({clientEntityId}): РЭМД отклонит документ', 'VALIDATION_ERROR', 'Привяжите организацию к МИС/РМИС в ФРМО (через регионального оператора) или проверьте clientEntityId в настройках агента'),

  // ФНСИ: the document kind.
  PREFLIGHT_KIND_NOT_ON_DATE: error('Вид документа {value} по справочнику ФНСИ 1520 (версия {version}) не действует на {date}: {period}', 'NO_DOCUMENT_KIND_ON_DATE'),

  // ФНСИ: who may sign the kind (NSI 1.2.643.5.1.13.13.99.2.42 «РЭМД. Правила подписи ЭМД»).
  PREFLIGHT_POSITION_MAY_NOT_SIGN: error('Должность «{position}» (код {value}) не может подписывать документ «{kind}» в роли {role} на {date} по правилам подписи ЭМД (ФНСИ, версия {version})', 'POSITION_TO_ROLE_MISMATCH', 'Документ должен подписать сотрудник с подходящей должностью; если должность указана неверно, исправьте её в МИС и в ФРМР'),
  PREFLIGHT_NO_ROLE_POLICY_ON_DATE: error('На {date} роль {role} не может подписывать документ «{kind}»: в правилах подписи ЭМД (ФНСИ, версия {version}) для неё нет действующего правила', 'NO_ROLE_POLICY_ON_DATE', 'Проверьте дату документа; если дата верна, документ этого вида сейчас подписать нельзя'),
  PREFLIGHT_SIGNING_RULES_MISSING: info('Правила подписи ЭМД (ФНСИ) ещё не загружены: допустимость должности подписанта проверит РЭМД после отправки', 'POSITION_TO_ROLE_MISMATCH'),

  // The patient: ГИП and our own earlier documents.
  PREFLIGHT_PATIENT_INDEX_MISMATCH: error('По СНИЛС {snils} в ГИП записан другой пациент (не совпадает: {differs}). Проверьте СНИЛС, ФИО и дату рождения', 'PATIENT_MPI_MISMATCH'),
  PREFLIGHT_PATIENT_HISTORY_MISMATCH: error('В ранее отправленном документе ({date}) у пациента со СНИЛС {snils} другие данные (не совпадает: {differs}). Проверьте СНИЛС, ФИО и дату рождения', 'PATIENT_MPI_MISMATCH'),
  PREFLIGHT_PATIENT_SNILS_CHANGED: error('У пациента {localId} в документе от {date} был СНИЛС {earlier}: проверьте СНИЛС', 'PATIENT_MPI_MISMATCH'),

  // Duplicates and corrections.
  PREFLIGHT_DUPLICATE_VISIT: warning('Этот визит уже отправлен: {ref}, с теми же данными. Повторная отправка создаст в РЭМД второй такой же документ', undefined, 'Если нужно исправить документ, измените данные — агент отправит исправление новой версией'),
  PREFLIGHT_VISIT_OTHER_DATE: error('Этот визит уже отправлен с датой приёма {earlierDate}: {ref} (тот же пациент, врач и заключение). Проверьте дату приёма', undefined, 'Если это другой приём, опишите его в заключении'),
  PREFLIGHT_NEW_VERSION: warning('Этот визит уже отправлен ({ref}): документ будет зарегистрирован как исправление, версия {version}'),
  PREFLIGHT_VERSION_NOT_BUILT: warning('Исправление (версия {version}) оформить не удалось: документ будет отправлен как новый. Сообщите администратору'),

  // The registries themselves.
  PREFLIGHT_REGISTRY_UNAVAILABLE: warning('{registry} не отвечает: проверка «{check}» не выполнена, РЭМД проверит это после отправки'),
  PREFLIGHT_REGISTRY_STALE: warning('{registry} не отвечает: проверка «{check}» выполнена по сведениям от {fetchedAt}'),
} as const satisfies Record<string, RuleDefinition>;

export type PreflightCode = keyof typeof PREFLIGHT_RULES;

const fill = (template: string, params: RuleParams): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));

export function preflightIssue(code: PreflightCode, path: string, params: RuleParams = {}): Issue {
  const rule: RuleDefinition = PREFLIGHT_RULES[code];
  const issue: Issue = { path, code, severity: rule.severity, message: fill(rule.message, params) };
  if (rule.hint) issue.hint = fill(rule.hint, params);
  if (rule.remdCode) issue.remdCode = rule.remdCode;
  return issue;
}
