/**
 * The one catalogue of validation rules. Every Issue the validators produce
 * comes from here, so the extension, the agent and the tests agree on codes,
 * severities, wording and the REMD NSI 305 code (1.2.643.5.1.13.13.99.2.305)
 * each rule exists to prevent.
 *
 * Message templates use {placeholders}; {field} is the field's Russian label.
 */
import type { Issue, Severity } from './issue.ts';

export interface RuleDefinition {
  severity: Severity;
  message: string;
  hint?: string;
  remdCode?: string;
}

const error = (message: string, remdCode?: string, hint?: string): RuleDefinition => ({ severity: 'error', message, remdCode, hint });
const warning = (message: string, remdCode?: string, hint?: string): RuleDefinition => ({ severity: 'warning', message, remdCode, hint });

export const RULES = {
  // Presence and form.
  VALIDATION_REQUIRED: error('Заполните поле «{field}»', 'VALIDATION_ERROR'),
  VALIDATION_NOT_TEXT: error('Поле «{field}» должно быть строкой', 'VALIDATION_ERROR'),
  VALIDATION_PATIENT_SNILS_REQUIRED: error('Укажите СНИЛС пациента: без него РЭМД не зарегистрирует документ', 'NO_SNILS'),
  VALIDATION_PATIENT_LAST_NAME_REQUIRED: error('Укажите фамилию пациента', 'PATIENT_SURNAME_NOT_FOUND'),
  VALIDATION_PATIENT_FIRST_NAME_REQUIRED: error('Укажите имя пациента', 'PATIENT_NAME_NOT_FOUND'),
  VALIDATION_PRACTITIONER_SNILS_REQUIRED: error('Укажите СНИЛС врача: по нему РЭМД ищет врача в ФРМР', 'PERSON_NOT_FOUND'),

  // Identifiers.
  VALIDATION_SNILS_FORMAT: error('СНИЛС в поле «{field}» должен состоять из 11 цифр, сейчас цифр: {count}', 'VALIDATION_ERROR', 'Формат: XXX-XXX-XXX YY'),
  VALIDATION_PATIENT_SNILS_CHECKSUM: error('СНИЛС пациента {value} не проходит проверку контрольного числа: сверьте его с документом пациента', 'PATIENT_MPI_MISMATCH'),
  VALIDATION_PRACTITIONER_SNILS_CHECKSUM: error('СНИЛС врача {value} не проходит проверку контрольного числа: сверьте его с данными ФРМР', 'PERSON_NOT_FOUND'),
  VALIDATION_ENP_FORMAT: error('Номер полиса ОМС (ЕНП) должен состоять из 16 цифр, сейчас цифр: {count}', 'VALIDATION_ERROR'),
  VALIDATION_ENP_CHECKSUM: error('Номер полиса ОМС {value} не проходит проверку контрольной цифры: сверьте его с полисом', 'PATIENT_MPI_MISMATCH'),
  VALIDATION_INN_FORMAT: error('ИНН организации должен состоять из 10 цифр (юридическое лицо) или 12 цифр (ИП), сейчас цифр: {count}', 'VALIDATION_ERROR'),
  VALIDATION_INN_CHECKSUM: error('ИНН {value} не проходит проверку контрольного числа: сверьте его с выпиской ЕГРЮЛ', 'VALIDATION_ERROR'),
  VALIDATION_OGRN_FORMAT: error('ОГРН должен состоять из 13 цифр (ОГРНИП — из 15), сейчас цифр: {count}', 'VALIDATION_ERROR'),
  VALIDATION_OGRN_CHECKSUM: error('ОГРН {value} не проходит проверку контрольной цифры: сверьте его с выпиской ЕГРЮЛ', 'VALIDATION_ERROR'),
  VALIDATION_KPP_FORMAT: error('КПП должен состоять из 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры', 'VALIDATION_ERROR'),
  VALIDATION_ORGANIZATION_OID_FORMAT: error('OID организации {value} не похож на OID ФРМО: ожидается 1.2.643.5.1.13.13.12.2.<регион>.<номер>', 'ORG_NOT_FOUND_IN_FRMO'),
  VALIDATION_DEPARTMENT_OID_FORMAT: error('OID подразделения {value} должен начинаться с OID организации ({organizationOid})', 'NO_DEPARTMENT'),
  VALIDATION_DEPARTMENT_MISSING: warning('Не указан OID подразделения: для многих видов документов РЭМД его требует', 'NO_DEPARTMENT'),

  VALIDATION_PASSPORT_SERIES: error('Серия паспорта РФ — 4 цифры, например 45 10; сейчас: {value}', 'PATIENT_MPI_MISMATCH'),
  VALIDATION_PASSPORT_NUMBER: error('Номер паспорта РФ — 6 цифр; сейчас: {value}', 'PATIENT_MPI_MISMATCH'),
  VALIDATION_PASSPORT_ISSUED_TOO_EARLY: warning('Паспорт РФ выдают с 14 лет, а дата выдачи {value} раньше: проверьте дату выдачи или дату рождения', 'PATIENT_MPI_MISMATCH'),

  VALIDATION_PHONE_FORMAT: warning('Телефон в поле «{field}» не похож на номер: {value}', undefined, 'Укажите 10–11 цифр, например +7 495 123-45-67'),
  VALIDATION_UUID_FORMAT: error('Идентификатор документа должен быть UUID, например 7d0f6c1e-4b8e-4f43-9a55-0b8e1f6b2a10; сейчас: {value}', 'VALIDATION_ERROR', 'Оставьте поле пустым: агент присвоит идентификатор сам'),

  // People's names.
  VALIDATION_NAME_LATIN_LOOKALIKE: error('В поле «{field}» латинские буквы среди русских: {letters}. Наберите их в русской раскладке', '{remd}', 'Должно быть: {fixed}'),
  VALIDATION_NAME_CHARACTERS: error('В поле «{field}» недопустимые символы: {chars}. Допустимы русские буквы, дефис, апостроф и пробел', '{remd}'),
  VALIDATION_NAME_SPACES: warning('В поле «{field}» лишние пробелы', '{remd}', 'Должно быть: {fixed}'),
  VALIDATION_NAME_HYPHEN: error('В поле «{field}» неверно стоит дефис: {value}', '{remd}', 'Двойная фамилия пишется через дефис без пробелов, например Петров-Водкин'),
  VALIDATION_NAME_CASE: warning('В поле «{field}» неверный регистр букв: {value}', '{remd}', 'Должно быть: {fixed}'),
  VALIDATION_NAME_LATIN: warning('Поле «{field}» написано латиницей; в ЕГИСЗ ФИО указывают как в документе, удостоверяющем личность', '{remd}'),
  VALIDATION_SEX_PATRONYMIC_MISMATCH: warning('Отчество «{value}» не соответствует полу пациента ({gender}): проверьте пол или отчество', 'PATIENT_MPI_MISMATCH'),
  VALIDATION_SEX_SURNAME_MISMATCH: warning('Фамилия «{value}» похожа на {surnameGender} форму, а пол пациента — {gender}: проверьте пол или фамилию', 'PATIENT_MPI_MISMATCH'),

  // Dates.
  VALIDATION_DATE_FORMAT: error('Дата в поле «{field}» должна быть в формате ГГГГ-ММ-ДД и существовать в календаре, сейчас: {value}', 'VALIDATION_ERROR'),
  VALIDATION_DATETIME_FORMAT: error('Дата и время создания документа должны быть в формате ISO 8601, например 2026-11-26T10:15:00+03:00; сейчас: {value}', 'VALIDATION_ERROR'),
  VALIDATION_DATETIME_NO_TIMEZONE: error('У даты создания документа нет часового пояса: добавьте смещение, например +03:00', 'VALIDATION_ERROR'),
  VALIDATION_BIRTH_DATE_FUTURE: error('Дата рождения {value} в будущем: исправьте её', 'PATIENT_MPI_MISMATCH'),
  VALIDATION_BIRTH_DATE_TOO_OLD: error('Дата рождения {value} означает возраст старше 130 лет: проверьте год', 'PATIENT_MPI_MISMATCH'),
  VALIDATION_DATE_FUTURE: error('Дата в поле «{field}» ({value}) ещё не наступила: укажите прошедшую или сегодняшнюю дату', 'WRONG_CREATION_DATE'),
  VALIDATION_DATE_BEFORE_BIRTH: error('Дата в поле «{field}» ({value}) раньше даты рождения пациента ({birthDate})', 'VALIDATION_ERROR'),
  VALIDATION_CASE_CLOSED_BEFORE_OPEN: error('Случай закрыт ({value}) раньше, чем открыт ({openDate}): исправьте даты случая', 'VALIDATION_ERROR'),
  VALIDATION_VISIT_OUTSIDE_CASE: warning('Дата визита {value} вне периода случая ({openDate} — {closeDate})'),
  VALIDATION_DOCUMENT_BEFORE_VISIT: warning('Документ создан ({value}) раньше даты визита ({visitDate}): проверьте даты'),
  VALIDATION_PRACTITIONER_AGE: warning('Дата рождения врача {value} даёт возраст {age}: проверьте её', 'VALUE_MISMATCH_METADATA_AND_FRMR'),

  // Diagnoses.
  VALIDATION_DIAGNOSIS_REQUIRED: error('Укажите хотя бы один диагноз по МКБ-10', 'VALIDATION_ERROR'),
  VALIDATION_DIAGNOSIS_MAIN_MISSING: error('Отметьте один из диагнозов как основной', 'VALIDATION_ERROR'),
  VALIDATION_DIAGNOSIS_MAIN_DUPLICATE: error('Основной диагноз может быть только один: измените роль этого диагноза', 'VALIDATION_ERROR'),
  VALIDATION_DIAGNOSIS_ROLE: error('Роль диагноза «{value}» неизвестна: допустимы основной, сопутствующий, осложнение', 'VALIDATION_ERROR'),
  VALIDATION_DIAGNOSIS_DUPLICATE: warning('Диагноз {value} указан несколько раз'),
  VALIDATION_MKB_FORMAT: error('Код МКБ-10 «{value}» записан неверно: ожидается буква и две цифры, затем точка и уточнение, например J06.9', 'INVALID_ELEMENT_VALUE_CODE', '{fix}'),
  VALIDATION_MKB_UNKNOWN: error('Кода {value} нет в МКБ-10 (НСИ 1.2.643.5.1.13.13.11.1005, версия {version})', 'INVALID_ELEMENT_VALUE_CODE'),
  VALIDATION_MKB_NOT_ACTUAL: error('Код {value} исключён из МКБ-10: выберите действующий код', 'INVALID_ELEMENT_VALUE_CODE'),
  VALIDATION_MKB_NOT_LEAF: error('Код {value} — рубрика, а нужен код подрубрики: уточните диагноз', 'INVALID_ELEMENT_VALUE_CODE', 'Например: {children}'),
  VALIDATION_MKB_ASTERISK_MAIN: warning('Код {value} — код проявления болезни (со звёздочкой *): основным диагнозом указывают код причины (с крестиком †)', undefined, 'Сделайте этот диагноз сопутствующим, а основным укажите код основного заболевания'),
  VALIDATION_MKB_SEX: error('Код {value} ({name}) применяется только у {sex}, а пол пациента — {gender}'),
  VALIDATION_MKB_SEX_LIKELY: warning('Код {value} ({name}) обычно применяется только у {sex}, а пол пациента — {gender}'),
  VALIDATION_MKB_AGE: warning('Код {value} ({name}) {ageRule}, а пациенту {age}'),

  // Dictionaries.
  VALIDATION_GENDER: error('Пол пациента «{value}» не распознан: выберите мужской или женский', 'PATIENT_MPI_MISMATCH', '{suggestion}'),
  VALIDATION_POSITION_UNKNOWN: error('Код {value} не является должностью из справочника должностей (НСИ 1.2.643.5.1.13.13.11.1002): выберите должность из справочника', 'PERSON_POST_IN_FRMR_MISMATCH', '{suggestion}'),
  VALIDATION_POSITION_NOT_ACTUAL: warning('Должность {value} ({name}) в справочнике помечена как неактуальная', 'PERSON_POST_IN_FRMR_MISMATCH'),
  VALIDATION_POSITION_MISSING: warning('Не указана должность врача: РЭМД сверяет её с ФРМР', 'PERSON_POST_IN_FRMR_MISMATCH'),
  // Laboratory study (REMD kind 186).
  VALIDATION_LAB_STUDY_REQUIRED: error('Для протокола лабораторного исследования нужны сведения об исследовании: услуга, биоматериал, анализатор и результаты', 'VALIDATION_ERROR'),
  VALIDATION_LAB_RESULTS_REQUIRED: error('Укажите хотя бы один результат лабораторного теста', 'VALIDATION_ERROR'),
  VALIDATION_VALUE_NOT_NUMBER: error('Значение «{value}» указано с единицей измерения, поэтому должно быть числом', 'VALIDATION_ERROR'),
  VALIDATION_PRESCRIPTION_REQUIRED: error('Для рецепта нужны сведения о назначении: препарат, путь введения, доза, кратность, курс и срок действия', 'VALIDATION_ERROR'),
  // Closed ambulatory case (REMD kind 42).
  VALIDATION_CASE_REQUIRED: error('Для эпикриза по законченному случаю нужны сведения о случае: вид обращения, виды диагнозов и посещения', 'VALIDATION_ERROR'),
  VALIDATION_CASE_NOT_CLOSED: error('Эпикриз составляют по законченному случаю: укажите дату открытия и дату закрытия случая', 'VALIDATION_ERROR'),
  VALIDATION_CASE_VISITS_REQUIRED: error('Укажите хотя бы одно посещение случая', 'VALIDATION_ERROR'),
  VALIDATION_VISIT_SERVICES_REQUIRED: error('Укажите хотя бы одну медицинскую услугу, оказанную при посещении №{number}', 'VALIDATION_ERROR'),
  VALIDATION_CASE_VISIT_OUTSIDE: error('Посещение №{number} ({value}) вне периода случая ({openDate} — {closeDate})', 'VALIDATION_ERROR'),
  VALIDATION_DIAGNOSIS_KIND_MISSING: error('Укажите вид диагноза (НСИ 1.2.643.5.1.13.13.11.1077) для роли «{role}»: такой диагноз есть в случае', 'VALIDATION_ERROR'),
  VALIDATION_MAIN_DIAGNOSIS_KIND: error('Основное заболевание в справочнике видов диагноза (НСИ 1.2.643.5.1.13.13.11.1077) имеет код 1, сейчас: {value}', 'INVALID_ELEMENT_VALUE_CODE'),
  VALIDATION_CODE_SYSTEM_MISMATCH: error('Поле «{field}» заполняют из справочника {expected}, а указан справочник {value}', 'INVALID_ELEMENT_VALUE_CODE'),
  VALIDATION_NOT_BOOLEAN: error('Поле «{field}» должно быть отметкой (да или нет)', 'VALIDATION_ERROR'),
  VALIDATION_CODE_SYSTEM_FORMAT: error('Код справочника «{value}» должен быть OID, например 1.2.643.5.1.13.13.11.1080', 'INVALID_ELEMENT_VALUE_CODE'),
  VALIDATION_MOMENT_FORMAT: error('Дата и время должны быть в формате ISO 8601 с часовым поясом, например 2026-11-26T09:40:00+03:00; сейчас: {value}', 'VALIDATION_ERROR'),
  VALIDATION_CONDITION_UNKNOWN: error('Состояния пациента с кодом {value} нет в справочнике (НСИ 1.2.643.5.1.13.13.11.1006)', 'INVALID_ELEMENT_VALUE_CODE', '{suggestion}'),
  VALIDATION_SPECIALTY_UNKNOWN: error('Специальности с кодом {value} нет в справочнике (НСИ 1.2.643.5.1.13.13.11.1066)', 'NO_SPECIALITY', '{suggestion}'),
  VALIDATION_SPECIALTY_NOT_ACTUAL: warning('Специальность {value} ({name}) упразднена', 'NO_SPECIALITY'),
  VALIDATION_DOCUMENT_KIND_UNKNOWN: error('Вида документа с кодом {value} нет в справочнике РЭМД (НСИ 1.2.643.5.1.13.13.11.1520)', 'OBJECT_NOT_FOUND', '{suggestion}'),
  VALIDATION_DOCUMENT_KIND_NOT_ON_DATE: error('Вид документа {value} ({name}) регистрируется с {startDate}{endText}: на дату {date} его зарегистрировать нельзя', 'NO_DOCUMENT_KIND_ON_DATE'),
} as const satisfies Record<string, RuleDefinition>;

export type RuleCode = keyof typeof RULES;
export type RuleParams = Readonly<Record<string, string | number>>;

const fill = (template: string, params: RuleParams): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));

/** Builds the Issue for a rule at a record path, filling the message template. */
export function issueFor(code: RuleCode, path: string, params: RuleParams = {}): Issue {
  const rule: RuleDefinition = RULES[code];
  const result: Issue = { path, code, severity: rule.severity, message: fill(rule.message, params) };
  if (rule.hint) {
    const hint = fill(rule.hint, params);
    if (!/\{\w+\}/.test(hint) && hint !== '') result.hint = hint;
  }
  const remdCode = rule.remdCode && fill(rule.remdCode, params);
  if (remdCode && !remdCode.includes('{')) result.remdCode = remdCode;
  return result;
}
