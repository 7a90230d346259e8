/**
 * Codes the SEMD templates themselves need (not record data): CDA section
 * codes, coded-field codes, the documented-event and medical-card types.
 * Versions and names are those of the FNSI dumps listed in schemas/SOURCES.md.
 */
import type { DiagnosisRole } from '../../shared/domain/record.ts';
import type { CodedValue } from './coded-value.ts';

const sections = { codeSystem: '1.2.643.5.1.13.13.99.2.197', codeSystemVersion: '4.29', codeSystemName: 'Секции электронных медицинских документов' };
const fields = { codeSystem: '1.2.643.5.1.13.13.99.2.166', codeSystemVersion: '5.41', codeSystemName: 'Кодируемые поля CDA документов' };

const section = (code: string, displayName: string): CodedValue => ({ code, displayName, ...sections });
const field = (code: string, displayName: string): CodedValue => ({ code, displayName, ...fields });

/** NSI 1.2.643.5.1.13.13.99.2.197 — sections of the structured body. */
export const sectionCode = {
  DOCINFO: section('DOCINFO', 'Сведения о документе'),
  ANAM: section('ANAM', 'Анамнез заболевания'),
  LANAM: section('LANAM', 'Анамнез жизни'),
  RESCONS: section('RESCONS', 'Результаты консультации/осмотра врача'),
  DGN: section('DGN', 'Диагнозы'),
  SCOPORG: section('SCOPORG', 'Цель направления и медицинская организация, куда направлен'),
  RESINFO: section('RESINFO', 'Заключение'),
  SPECIMENS: section('SPECIMENS', 'Информация об исследованных материалах'),
  ANALYSERS: section('ANALYSERS', 'Информация об использованном оборудовании и расходных материалах'),
  RESLAB: section('RESLAB', 'Результаты лабораторного исследования'),
  RECIPE: section('RECIPE', 'Рецепт'),
  AMBS: section('AMBS', 'Сведения амбулаторно-поликлинического обращения'),
  AMBSV: section('AMBSV', 'Сведения амбулаторно-поликлинического посещения'),
  SUM: section('SUM', 'Информация о лечении'),
  DRUG: section('DRUG', 'Медикаментозное лечение'),
  NONDRUG: section('NONDRUG', 'Немедикаментозное лечение'),
} as const;

/** NSI 1.2.643.5.1.13.13.99.2.166 — coded fields of CDA documents. */
export const fieldCode = {
  mkb10: field('809', 'Шифр по МКБ-10'),
  visitReason: field('800', 'Обращение'),
  visitPlace: field('801', 'Место проведения'),
  narrative: field('7006', 'Текстовое описание'),
  patientCondition: field('804', 'Состояние пациента'),
  consultationProtocol: field('805', 'Протокол консультации'),
  consultationConclusion: field('806', 'Заключение консультации'),
  referralTarget: field('8038', 'Медицинская организация, в которую направлен пациент'),
  medicalService: field('833', 'Медицинская услуга'),
  comment: field('10000', 'Комментарий'),
  diagnosis: field('838', 'Диагноз'),
  studyProtocolNumber: field('8024', 'Номер протокола инструментального исследования'),
  studyProtocol: field('1805', 'Протокол инструментального исследования'),
  studyConclusion: field('1806', 'Заключение инструментального исследования'),
  recipePriority: field('6000', 'Приоритет исполнения рецепта'),
  recipeValidity: field('6004', 'Срок действия рецепта'),
  specialPurpose: field('6006', 'По специальному назначению (Отметка)'),
  doseCount: field('6011', 'Количество назначенных доз'),
  complaints: field('835', 'Жалобы пациента'),
  examination: field('836', 'Объективные данные'),
  conclusion: field('837', 'Заключение'),
  recommended: field('839', 'Рекомендовано'),
} as const;

/** NSI 1.2.643.5.1.13.13.99.2.726 — type of the documented event. */
export const serviceEventConsultation: CodedValue = {
  code: '1',
  codeSystem: '1.2.643.5.1.13.13.99.2.726',
  codeSystemVersion: '3.10',
  codeSystemName: 'Типы документированных событий',
  displayName: 'Консультация',
};

/** NSI 1.2.643.5.1.13.13.99.2.726 — the event a referral documents. */
export const serviceEventDocumentIssue: CodedValue = { ...serviceEventConsultation, code: '50', displayName: 'Выдача медицинского документа' };

/** NSI 1.2.643.5.1.13.13.99.2.726 — an instrumental study. */
export const serviceEventInstrumental: CodedValue = { ...serviceEventConsultation, code: '3', displayName: 'Инструментальное исследование' };

/** NSI 1.2.643.5.1.13.13.99.2.726 — a laboratory study. */
export const serviceEventLaboratory: CodedValue = { ...serviceEventConsultation, code: '4', displayName: 'Лабораторное исследование' };

/** NSI 1.2.643.5.1.13.13.99.2.726 — issuing a drug prescription. */
export const serviceEventPrescription: CodedValue = { ...serviceEventConsultation, code: '58', displayName: 'Формирование рецепта на лекарственный препарат' };

/** NSI 1.2.643.5.1.13.13.99.2.723 — type of the medical card. */
export const outpatientCard: CodedValue = {
  code: '1',
  codeSystem: '1.2.643.5.1.13.13.99.2.723',
  codeSystemVersion: '1.1',
  codeSystemName: 'Типы медицинских карт',
  displayName: 'Амбулаторная медицинская карта',
};

/** The receiver every SEMD names: the Ministry of Health (119.sch У1-24). */
export const ministryOfHealth = { oid: '1.2.643.5.1.13', name: 'Министерство здравоохранения Российской Федерации' } as const;

/** Root of the SNILS identifier (Pension Fund). */
export const snilsRoot = '1.2.643.100.3';

/** How the narrative names each diagnosis role. */
export const diagnosisRoleNames: Readonly<Record<DiagnosisRole, string>> = {
  main: 'Основной',
  concomitant: 'Сопутствующий',
  complication: 'Осложнение основного',
};
