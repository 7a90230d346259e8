/**
 * SEMD kind 186 «Протокол лабораторного исследования» (CDA Ред. 5),
 * templateId 1.2.643.5.1.13.13.14.7.9.5, document type 7 in NSI 1522.
 * Schema: schemas/186/CDA.xsd (modular); rules: 186.sch (header У1-*, body
 * sections SPECIMENS У3-1, ANALYSERS У3-2, RESLAB У3-4). The study comes from
 * record.laboratory; its dictionaries (1070, 1080, 1358, 99.2.1019) are not
 * shipped, so the record carries their values whole.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord, LabResult, LabStudy } from '../../shared/domain/record.ts';
import type { CareFacts } from './care-facts.ts';
import { positionCode } from './coded-value.ts';
import { section, structuredBody } from './cda-body.ts';
import { documentHeader, serialize } from './cda-header.ts';
import { encompassingEncounter } from './cda-encounter.ts';
import { codedElement, extension, personName, text } from './cda-parts.ts';
import { cdaDate, cdaMoment } from './cda-time.ts';
import { localIdRoot, type DocumentIdentity } from './document-identity.ts';
import { untypeExtensions } from './modular-profile.ts';
import { paragraphs, table } from './narrative.ts';
import { SemdError } from './semd-error.ts';
import { fieldCode, sectionCode, serviceEventLaboratory } from './semd-vocabulary.ts';
import { xmlAttribute, xmlText } from '../xml/xml-text.ts';

/** A decimal as the XSD reads it: a Russian decimal comma becomes a point. */
const decimal = (value: string): string => xmlAttribute(value.trim().replace(',', '.'));

export const laboratory186 = {
  kind: '186',
  templateId: '1.2.643.5.1.13.13.14.7.9.5',
  documentTypeCode: '7',
  title: 'Протокол лабораторного исследования',
} as const;

export function buildLaboratory186(record: ClinicalRecord, identity: DocumentIdentity, facts: CareFacts = {}): string {
  const study = record.laboratory;
  if (!study) throw new SemdError('DOCUMENT_DATA_MISSING', 'Для протокола лабораторного исследования нужны сведения об исследовании (laboratory)');
  const root = documentHeader(record, identity, laboratory186, { policyType: facts.insurancePolicyType, okpo: facts.organizationOkpo });
  serviceEvent(root, record);
  encompassingEncounter(root, record, identity);
  const bodyEl = structuredBody(root);
  specimens(bodyEl, record, study);
  analysers(bodyEl, record, study);
  results(bodyEl, record, study);
  untypeExtensions(root);
  return serialize(root);
}

/** documentationOf/serviceEvent: a laboratory study (code 4, У1-21) on the day of the results. */
function serviceEvent(root: XMLBuilder, record: ClinicalRecord): void {
  const event = root.ele('documentationOf').ele('serviceEvent');
  codedElement(event, 'code', serviceEventLaboratory);
  event.ele('effectiveTime', { value: cdaDate(record.encounter.visitDate) });
  for (const name of ['serviceForm', 'serviceType', 'serviceCond']) extension(event, 'medService', name).att('nullFlavor', 'NI');
  performer(event.ele('performer', { typeCode: 'PPRF' }), record);
}

/** performer/assignedEntity as the modular 186 schema has it: the staff id (.70), position and name only. */
function performer(parent: XMLBuilder, record: ClinicalRecord): void {
  const { practitioner } = record;
  const entity = parent.ele('assignedEntity');
  entity.ele('id', { root: xmlAttribute(localIdRoot(record.organization.oid, 'staff')), extension: xmlAttribute(practitioner.localId ?? practitioner.snils) });
  if (practitioner.positionCode) codedElement(entity, 'code', positionCode(practitioner.positionCode));
  personName(entity.ele('assignedPerson'), practitioner);
}

/** SPECIMENS (У3-1): the specimen taken, its kind and amount. */
function specimens(bodyEl: XMLBuilder, record: ClinicalRecord, study: LabStudy): void {
  const { specimen } = study;
  const part = section(bodyEl, sectionCode.SPECIMENS, 'Информация об исследованных материалах');
  table(part.text, ['Биоматериал', 'Номер', 'Количество', 'Взят'], [
    [specimen.kind.displayName, specimen.id, `${specimen.quantity.value} ${specimen.quantity.unit.displayName}`, specimen.collectedAt],
  ]);
  const cluster = part.section.ele('entry').ele('organizer', { classCode: 'CLUSTER', moodCode: 'EVN' });
  cluster.ele('statusCode', { code: 'completed' });
  cluster.ele('effectiveTime', { value: cdaMoment(specimen.collectedAt) });
  const procedure = cluster.ele('component').ele('procedure', { classCode: 'PROC', moodCode: 'EVN' });
  procedure.ele('code', { nullFlavor: 'NI' });
  procedure.ele('statusCode', { code: 'completed' });
  const time = procedure.ele('effectiveTime');
  time.ele('low', { value: cdaMoment(specimen.collectedAt) });
  time.ele('high', { value: cdaMoment(specimen.collectedAt) });
  const role = procedure.ele('specimen').ele('specimenRole');
  role.ele('id', { root: xmlAttribute(localIdRoot(record.organization.oid, 'specimen')), extension: xmlAttribute(specimen.id) });
  const entity = role.ele('specimenPlayingEntity', { classCode: 'ENT', determinerCode: 'INSTANCE' });
  codedElement(entity, 'code', specimen.kind);
  const amount = decimal(specimen.quantity.value);
  const quantity = entity.ele('quantity', { value: amount, unit: xmlAttribute(specimen.quantity.unit.displayName) });
  codedElement(quantity, 'translation', specimen.quantity.unit, { value: amount });
}

/** ANALYSERS (У3-2): the analyser the tests ran on. */
function analysers(bodyEl: XMLBuilder, record: ClinicalRecord, study: LabStudy): void {
  const part = section(bodyEl, sectionCode.ANALYSERS, 'Информация об использованном оборудовании');
  paragraphs(part.text, `Анализатор: ${study.analyser.model} (№ ${study.analyser.id})`);
  const cluster = part.section.ele('entry').ele('organizer', { classCode: 'CLUSTER', moodCode: 'EVN' });
  cluster.ele('statusCode', { code: 'completed' });
  const role = analyserRole(cluster.ele('participant', { typeCode: 'DEV' }), record, study);
  text(role.ele('playingDevice'), 'manufacturerModelName', study.analyser.model);
}

/** participantRole of the analyser (id root .67, У3-2 and У3-4). */
function analyserRole(participant: XMLBuilder, record: ClinicalRecord, study: LabStudy): XMLBuilder {
  const role = participant.ele('participantRole', { classCode: 'ROL' });
  role.ele('id', { root: xmlAttribute(localIdRoot(record.organization.oid, 'device')), extension: xmlAttribute(study.analyser.id) });
  return role;
}

/** RESLAB (У3-4): one battery of the service's tests, each with its value. */
function results(bodyEl: XMLBuilder, record: ClinicalRecord, study: LabStudy): void {
  const part = section(bodyEl, sectionCode.RESLAB, 'Результаты лабораторного исследования');
  table(part.text, ['Тест', 'Результат', 'Единицы'], study.results.map((r) => [r.test.displayName, r.value, r.unit?.displayName ?? '']));
  if (record.encounter.conclusion) paragraphs(part.text, record.encounter.conclusion);
  const cluster = part.section.ele('entry').ele('organizer', { classCode: 'CLUSTER', moodCode: 'EVN' });
  cluster.ele('statusCode', { code: 'completed' });
  const battery = cluster.ele('component').ele('organizer', { classCode: 'BATTERY', moodCode: 'EVN' });
  battery.ele('code', { nullFlavor: 'OTH' }).ele('originalText').txt('Отдельные лабораторные тесты');
  battery.ele('statusCode', { code: 'completed' });
  const service = battery.ele('component').ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
  codedElement(service, 'code', fieldCode.medicalService);
  codedElement(service, 'value', study.service, { 'xsi:type': 'CD' });
  for (const result of study.results) testResult(battery, record, study, result);
}

function testResult(battery: XMLBuilder, record: ClinicalRecord, study: LabStudy, result: LabResult): void {
  const obs = battery.ele('component').ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
  codedElement(obs, 'code', result.test);
  obs.ele('statusCode', { code: 'completed' });
  obs.ele('effectiveTime', { value: cdaMoment(result.performedAt) });
  if (result.unit) {
    const amount = decimal(result.value);
    const value = obs.ele('value', { 'xsi:type': 'PQ', value: amount, unit: xmlAttribute(result.unit.displayName) });
    codedElement(value, 'translation', result.unit, { value: amount });
  } else {
    obs.ele('value', { 'xsi:type': 'ST' }).txt(xmlText(result.value));
  }
  if (result.interpretation) codedElement(obs, 'interpretationCode', result.interpretation);
  else obs.ele('interpretationCode', { nullFlavor: 'NI' });
  obs.ele('specimen').ele('specimenRole').ele('id', {
    root: xmlAttribute(localIdRoot(record.organization.oid, 'specimen')), extension: xmlAttribute(study.specimen.id),
  });
  performer(obs.ele('performer'), record);
  analyserRole(obs.ele('participant', { typeCode: 'DEV' }), record, study);
}
