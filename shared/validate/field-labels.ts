/** Russian labels of record fields, as the user sees them on the form. */
const LABELS: Readonly<Record<string, string>> = {
  'patient.snils': 'СНИЛС пациента',
  'patient.lastName': 'Фамилия пациента',
  'patient.firstName': 'Имя пациента',
  'patient.middleName': 'Отчество пациента',
  'patient.birthDate': 'Дата рождения пациента',
  'patient.gender': 'Пол пациента',
  'patient.enp': 'Номер полиса ОМС',
  'patient.phone': 'Телефон пациента',
  'organization.phone': 'Телефон организации',
  'document.localUid': 'Идентификатор документа',
  'patient.identityDocument.type': 'Тип документа, удостоверяющего личность',
  'patient.identityDocument.series': 'Серия документа',
  'patient.identityDocument.number': 'Номер документа',
  'patient.identityDocument.issueDate': 'Дата выдачи документа',
  'practitioner.snils': 'СНИЛС врача',
  'practitioner.lastName': 'Фамилия врача',
  'practitioner.firstName': 'Имя врача',
  'practitioner.middleName': 'Отчество врача',
  'practitioner.birthDate': 'Дата рождения врача',
  'practitioner.positionCode': 'Должность врача',
  'practitioner.specialtyCode': 'Специальность врача',
  'organization.oid': 'OID организации',
  'organization.name': 'Наименование организации',
  'organization.ogrn': 'ОГРН',
  'organization.inn': 'ИНН',
  'organization.kpp': 'КПП',
  'organization.departmentOid': 'OID подразделения',
  'encounter.openDate': 'Дата открытия случая',
  'encounter.closeDate': 'Дата закрытия случая',
  'encounter.visitDate': 'Дата визита',
  'encounter.conclusion': 'Заключение',
  'encounter.diagnoses': 'Диагнозы',
  'encounter.patientCondition': 'Состояние пациента',
  'document.kind': 'Вид документа',
  'document.createdAt': 'Дата создания документа',
  'ambulatoryCase': 'Сведения о законченном случае',
  'ambulatoryCase.visitKind': 'Вид обращения',
  'ambulatoryCase.result': 'Результат обращения',
  'ambulatoryCase.outcome': 'Исход заболевания',
  'ambulatoryCase.paymentSource': 'Источник оплаты',
  'ambulatoryCase.diagnosisStage': 'Этап установления диагнозов',
  'ambulatoryCase.visits': 'Посещения',
  'ambulatoryCase.drugs': 'Лекарственные препараты',
  'ambulatoryCase.nonDrugTreatment': 'Немедикаментозное лечение',
  'ambulatoryCase.diagnosisKinds.main': 'Вид основного диагноза',
  'ambulatoryCase.diagnosisKinds.concomitant': 'Вид сопутствующего диагноза',
  'ambulatoryCase.diagnosisKinds.complication': 'Вид осложнения',
  'referral': 'Сведения о направлении',
  'referral.organization.oid': 'Куда направлен (OID организации)',
  'referral.organization.name': 'Куда направлен (организация)',
  'referral.service': 'Услуга, на которую направлен пациент',
  'referral.comment': 'Комментарий к направлению',
  'study': 'Сведения об исследовании',
  'study.service': 'Исследование',
  'study.description': 'Протокол исследования',
  // Care facts: the clinic's settings for SEMD (agent/semd/care-facts.ts), named where a check points at them.
  'careFacts.paymentSource': 'Источник оплаты (настройки клиники)',
  'careFacts.visitKind': 'Вид обращения (настройки клиники)',
  'careFacts.visitPlace': 'Место проведения (настройки клиники)',
  'careFacts.patientCondition': 'Состояние пациента (настройки клиники)',
};

const DIAGNOSIS_PARTS: Readonly<Record<string, string>> = { code: 'Код диагноза', role: 'Роль диагноза', text: 'Текст диагноза' };

const VISIT_PARTS: Readonly<Record<string, string>> = {
  date: 'Дата посещения', place: 'Место посещения', services: 'Услуги посещения', complaints: 'Жалобы (посещение',
  examination: 'Объективные данные (посещение', conclusion: 'Заключение (посещение', recommendations: 'Рекомендации (посещение',
};

/** The parts of a whole coded value, as a form names them. */
const CODED_PARTS: Readonly<Record<string, string>> = {
  code: 'код', codeSystem: 'OID справочника', codeSystemVersion: 'версия справочника', codeSystemName: 'название справочника', displayName: 'наименование',
};

/** «Дата посещения №2», «Жалобы (посещение №2)», «Услуга №1 посещения №2». */
function visitLabel(index: string, part: string, service: string | undefined): string | undefined {
  const number = `№${Number(index) + 1}`;
  if (part === 'services' && service !== undefined) return `Услуга №${Number(service) + 1} посещения ${number}`;
  const label = VISIT_PARTS[part];
  if (!label) return undefined;
  return label.endsWith('(посещение') ? `${label} ${number})` : `${label} ${number}`;
}

/** The label for a dotted path; diagnoses are numbered from 1 for people. */
export function fieldLabel(path: string): string {
  const known = LABELS[path];
  if (known) return known;
  const visitDoctor = /^ambulatoryCase\.visits\.(\d+)\.practitioner\.(\w+)$/.exec(path);
  if (visitDoctor) return `${LABELS[`practitioner.${visitDoctor[2] ?? ''}`] ?? 'Врач'} (посещение №${Number(visitDoctor[1]) + 1})`;
  const diagnosis = /^encounter\.diagnoses\.(\d+)\.(\w+)$/.exec(path);
  if (diagnosis) return `${DIAGNOSIS_PARTS[diagnosis[2] ?? ''] ?? 'Диагноз'} №${Number(diagnosis[1]) + 1}`;
  const visit = /^ambulatoryCase\.visits\.(\d+)\.(\w+)(?:\.(\d+))?$/.exec(path);
  const visitPart = visit ? visitLabel(visit[1] ?? '0', visit[2] ?? '', visit[3]) : undefined;
  if (visitPart) return visitPart;
  const coded = /^(.+)\.(code|codeSystem|codeSystemVersion|codeSystemName|displayName)$/.exec(path);
  if (coded?.[1] && coded[2]) {
    const whole = fieldLabel(coded[1]);
    if (whole !== coded[1]) return `${whole}: ${CODED_PARTS[coded[2]]}`;
  }
  const drug = /^ambulatoryCase\.drugs\.(\d+)$/.exec(path);
  if (drug) return `Лекарственный препарат №${Number(drug[1]) + 1}`;
  return path;
}
