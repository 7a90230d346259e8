/**
 * SEMD kind 119 «Протокол консультации» (CDA Ред. 4), templateId
 * 1.2.643.5.1.13.2.7.5.1.5.9.4, document type 5 in NSI 1522.
 * Schema: schemas/119/CDA.xsd; rules: the Ministry's 119.sch (header У1-*,
 * body У2-*: sections DOCINFO, ANAM, LANAM, RESCONS with DGN; entries У3-*:
 * 809 МКБ-10, 800/801 visit, 804/805/806 condition, protocol and conclusion).
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord, Diagnosis } from '../../shared/domain/record.ts';
import { conditionCode, type CareFacts } from './care-facts.ts';
import { diagnosisCode } from './coded-value.ts';
import { codedObservation, section, structuredBody, textObservation } from './cda-body.ts';
import { documentHeader, serialize } from './cda-header.ts';
import { encompassingEncounter } from './cda-encounter.ts';
import { codedElement } from './cda-parts.ts';
import { assignedPractitioner, paymentParticipant } from './cda-participants.ts';
import { cdaDate } from './cda-time.ts';
import type { DocumentIdentity } from './document-identity.ts';
import { paragraphs, table } from './narrative.ts';
import { diagnosisRoleNames, fieldCode, sectionCode, serviceEventConsultation } from './semd-vocabulary.ts';

export const consultation119 = {
  kind: '119',
  templateId: '1.2.643.5.1.13.2.7.5.1.5.9.4',
  documentTypeCode: '5',
  title: 'Протокол консультации',
} as const;

export function buildConsultation119(record: ClinicalRecord, identity: DocumentIdentity, facts: CareFacts = {}): string {
  const root = documentHeader(record, identity, consultation119, { policyType: facts.insurancePolicyType });
  paymentParticipant(root, facts.paymentSource);
  serviceEvent(root, record);
  encompassingEncounter(root, record, identity, { docType: true });
  body(root, record, facts);
  return serialize(root);
}

/** documentationOf/serviceEvent: a consultation on the visit day, performed by the doctor (У1-30). */
function serviceEvent(root: XMLBuilder, record: ClinicalRecord): void {
  const event = root.ele('documentationOf').ele('serviceEvent');
  codedElement(event, 'code', serviceEventConsultation);
  const time = event.ele('effectiveTime');
  time.ele('low', { value: cdaDate(record.encounter.visitDate) });
  time.ele('high', { value: cdaDate(record.encounter.visitDate) });
  assignedPractitioner(event.ele('performer', { typeCode: 'PPRF' }), 'assignedEntity', record);
}

function body(root: XMLBuilder, record: ClinicalRecord, facts: CareFacts): void {
  const { encounter } = record;
  const bodyEl = structuredBody(root);
  // The main diagnosis first: REMD reads the first 809 entry as the document's diagnosis.
  const ordered = [...encounter.diagnoses].sort((a, b) => Number(b.role === 'main') - Number(a.role === 'main'));

  const info = section(bodyEl, sectionCode.DOCINFO, 'Сведения о документе');
  paragraphs(info.text, `Дата консультации: ${readableDate(encounter.visitDate)}`);
  if (facts.visitKind) paragraphs(info.text, `Обращение: ${facts.visitKind.displayName}`);
  if (facts.visitPlace) paragraphs(info.text, `Место проведения: ${facts.visitPlace.displayName}`);
  for (const d of ordered) {
    const code = diagnosisCode(d.code);
    paragraphs(info.text, `${diagnosisRoleNames[d.role]} диагноз по МКБ-10: ${code.code} ${code.displayName}`);
  }
  if (facts.visitKind) codedObservation(info.section, fieldCode.visitReason, facts.visitKind);
  if (facts.visitPlace) codedObservation(info.section, fieldCode.visitPlace, facts.visitPlace);
  for (const d of ordered) codedObservation(info.section, fieldCode.mkb10, diagnosisCode(d.code));

  const anamnesis = section(bodyEl, sectionCode.ANAM, 'Анамнез заболевания');
  paragraphs(anamnesis.text, encounter.complaints ?? 'Сведения не представлены');
  textObservation(anamnesis.section, fieldCode.narrative, encounter.complaints);

  const life = section(bodyEl, sectionCode.LANAM, 'Анамнез жизни');
  paragraphs(life.text, 'Сведения не представлены');
  textObservation(life.section, fieldCode.narrative, undefined);

  const result = section(bodyEl, sectionCode.RESCONS, 'Заключение консультации');
  const condition = facts.patientCondition ? conditionCode(facts.patientCondition) : undefined;
  if (condition) paragraphs(result.text, `Состояние пациента: ${condition.displayName}`);
  paragraphs(result.text, encounter.conclusion);
  if (condition) codedObservation(result.section, fieldCode.patientCondition, condition);
  textObservation(result.section, fieldCode.consultationProtocol, [encounter.complaints, encounter.conclusion].filter(Boolean).join('\n'));
  textObservation(result.section, fieldCode.consultationConclusion, encounter.conclusion);
  diagnosesSection(result.section, ordered);
}

/** RESCONS/DGN (У3-21): the diagnoses as a table and their wording as entry 806. */
function diagnosesSection(parent: XMLBuilder, diagnoses: readonly Diagnosis[]): void {
  const dgn = section(parent, sectionCode.DGN, 'Диагнозы');
  const rows = diagnoses.map((d) => {
    const code = diagnosisCode(d.code);
    return [diagnosisRoleNames[d.role], code.code, code.displayName, d.text ?? ''];
  });
  table(dgn.text, ['Вид диагноза', 'Код МКБ-10', 'Наименование по МКБ-10', 'Формулировка'], rows);
  const wording = rows.map(([role, code, name, text]) => `${role}: ${code} ${text || name}`).join('\n');
  textObservation(dgn.section, fieldCode.consultationConclusion, wording);
}

function readableDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}
