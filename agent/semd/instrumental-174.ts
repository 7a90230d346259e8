/**
 * SEMD kind 174 «Протокол инструментального исследования» (CDA Ред. 4),
 * templateId 1.2.643.5.1.13.13.14.6.9.4, document type 6 in NSI 1522.
 * Schema: schemas/174/CDA.xsd (modular); rules: 174.sch (header У1-*, body
 * sections DOCINFO with 800/838/801 and the study act, RESINFO with
 * 8024/1805/1806). The study itself is not in the record: CareFacts.study.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { CareFacts } from './care-facts.ts';
import { diagnosisCode, documentTypeCode } from './coded-value.ts';
import { codedObservation, section, structuredBody, textObservation } from './cda-body.ts';
import { clinicalDocument, serialize } from './cda-header.ts';
import { codedElement, extension } from './cda-parts.ts';
import { assignedPractitioner, author, custodian, informationRecipient, legalAuthenticator, recordTarget } from './cda-participants.ts';
import { cdaDate } from './cda-time.ts';
import { localIdRoot, type DocumentIdentity } from './document-identity.ts';
import { untypeExtensions } from './modular-profile.ts';
import { paragraphs } from './narrative.ts';
import { fieldCode, outpatientCard, sectionCode, serviceEventInstrumental } from './semd-vocabulary.ts';
import { xmlAttribute } from '../xml/xml-text.ts';

export const instrumental174 = {
  kind: '174',
  templateId: '1.2.643.5.1.13.13.14.6.9.4',
  documentTypeCode: '6',
  title: 'Протокол инструментального исследования',
} as const;

export function buildInstrumental174(record: ClinicalRecord, identity: DocumentIdentity, facts: CareFacts = {}): string {
  const root = clinicalDocument(record, identity, {
    templateId: instrumental174.templateId,
    documentType: documentTypeCode(instrumental174.documentTypeCode),
    title: instrumental174.title,
  });
  recordTarget(root, record, facts.insurancePolicyType, facts.organizationOkpo);
  author(root, record);
  custodian(root, record);
  informationRecipient(root);
  legalAuthenticator(root, record);
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

/** componentOf/encompassingEncounter: case (.15) and card (.17) ids, card type, dates. */
function encompassingEncounter(root: XMLBuilder, record: ClinicalRecord, identity: DocumentIdentity): void {
  const org = record.organization.oid;
  const { encounter, patient } = record;
  const el = root.ele('componentOf').ele('encompassingEncounter');
  el.ele('id', { root: xmlAttribute(localIdRoot(org, 'case')), extension: xmlAttribute(encounter.caseId ?? identity.setId) });
  el.ele('id', { root: xmlAttribute(localIdRoot(org, 'card')), extension: xmlAttribute(patient.localId ?? patient.snils) });
  codedElement(el, 'code', outpatientCard);
  const time = el.ele('effectiveTime');
  time.ele('low', { value: cdaDate(encounter.openDate ?? encounter.visitDate) });
  if (encounter.closeDate) time.ele('high', { value: cdaDate(encounter.closeDate) });
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
