/**
 * SEMD kind 174 «Протокол инструментального исследования» (CDA Ред. 4),
 * templateId 1.2.643.5.1.13.13.14.6.9.4, document type 6 in NSI 1522.
 * Schema: schemas/174/CDA.xsd (modular); rules: 174.sch (header У1-*, body
 * sections DOCINFO with 800/838/801 and the study act, RESINFO with
 * 8024/1805/1806). The study is the record's `study`, or the clinic's careFacts.study.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { CareFacts } from './care-facts.ts';
import { diagnosisCode } from './coded-value.ts';
import { codedObservation, section, structuredBody, textObservation } from './cda-body.ts';
import { documentHeader, serialize } from './cda-header.ts';
import { encompassingEncounter } from './cda-encounter.ts';
import { codedElement, extension } from './cda-parts.ts';
import { assignedPractitioner } from './cda-participants.ts';
import { cdaDate } from './cda-time.ts';
import type { DocumentIdentity } from './document-identity.ts';
import { untypeExtensions } from './modular-profile.ts';
import { paragraphs } from './narrative.ts';
import { fieldCode, sectionCode, serviceEventInstrumental } from './semd-vocabulary.ts';

export const instrumental174 = {
  kind: '174',
  templateId: '1.2.643.5.1.13.13.14.6.9.4',
  documentTypeCode: '6',
  title: 'Протокол инструментального исследования',
} as const;

export function buildInstrumental174(record: ClinicalRecord, identity: DocumentIdentity, facts: CareFacts = {}): string {
  const root = documentHeader(record, identity, instrumental174, { policyType: facts.insurancePolicyType, okpo: facts.organizationOkpo });
  serviceEvent(root, record);
  encompassingEncounter(root, record, identity);
  body(root, record, facts);
  untypeExtensions(root);
  return serialize(root);
}

/** documentationOf/serviceEvent: the study (code 3); form and conditions are not in the record (nullFlavor). */
function serviceEvent(root: XMLBuilder, record: ClinicalRecord): void {
  const event = root.ele('documentationOf').ele('serviceEvent');
  codedElement(event, 'code', serviceEventInstrumental);
  event.ele('effectiveTime').ele('low', { value: cdaDate(record.encounter.visitDate) });
  extension(event, 'medService', 'serviceForm').att('nullFlavor', 'NI');
  extension(event, 'medService', 'serviceCond').att('nullFlavor', 'NI');
  assignedPractitioner(event.ele('performer', { typeCode: 'PPRF' }), 'assignedEntity', record);
}

function body(root: XMLBuilder, record: ClinicalRecord, facts: CareFacts): void {
  const { encounter, document } = record;
  const bodyEl = structuredBody(root);
  const main = encounter.diagnoses.find((d) => d.role === 'main') ?? encounter.diagnoses[0];

  const info = section(bodyEl, sectionCode.DOCINFO, 'Сведения о документе');
  if (facts.study) paragraphs(info.text, `Исследование: ${facts.study.service.displayName}`);
  if (main) paragraphs(info.text, `Диагноз по МКБ-10: ${main.code} ${diagnosisCode(main.code).displayName}`);
  if (facts.visitKind) codedObservation(info.section, fieldCode.visitReason, facts.visitKind);
  if (main) codedObservation(info.section, fieldCode.diagnosis, diagnosisCode(main.code));
  if (facts.visitPlace) codedObservation(info.section, fieldCode.visitPlace, facts.visitPlace);
  if (facts.study) {
    const act = info.section.ele('entry').ele('act', { classCode: 'ACT', moodCode: 'EVN' });
    codedElement(act, 'code', facts.study.service);
    act.ele('effectiveTime').ele('low', { value: cdaDate(encounter.visitDate) });
  }

  const result = section(bodyEl, sectionCode.RESINFO, 'Заключение');
  if (facts.study) paragraphs(result.text, facts.study.description);
  paragraphs(result.text, encounter.conclusion);
  textObservation(result.section, fieldCode.studyProtocolNumber, document.number);
  textObservation(result.section, fieldCode.studyProtocol, facts.study?.description);
  textObservation(result.section, fieldCode.studyConclusion, encounter.conclusion);
}
