/**
 * SEMD kind 42 «Эпикриз по законченному случаю амбулаторный» (CDA Ред. 3),
 * templateId 1.2.643.5.1.13.2.7.5.1.2.3, document type 2 in NSI 1522.
 * Schema: schemas/42/CDA.xsd; rules: 42.sch, the older profile (header У1-*,
 * older-profile-header.ts; body У2-1 AMBS, У2-3 AMBSV, У2-12 SUM with DRUG and
 * NONDRUG; entries У3-1 … У3-6 the case, У3-14 the visits, У3-22 the drugs).
 * The case comes from record.ambulatoryCase with the period, diagnoses and
 * summary of record.encounter; its dictionaries (1007, 1008, 1009, 1039,
 * 1046, 1070, 1076, 1077, 1367) are not shipped, so the record carries their
 * values whole. МКБ-10 is coded from shared/dictionaries.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { AmbulatoryCase, CaseVisit, ClinicalRecord, Diagnosis } from '../../shared/domain/record.ts';
import type { CareFacts } from './care-facts.ts';
import { diagnosisCode, type CodedValue } from './coded-value.ts';
import { section, structuredBody } from './cda-body.ts';
import { serialize } from './cda-header.ts';
import { codedElement, text } from './cda-parts.ts';
import { cdaDate, readableTs } from './cda-time.ts';
import { localIdRoot, type DocumentIdentity } from './document-identity.ts';
import { paragraphs, table } from './narrative.ts';
import { olderAssignedPractitioner, olderEncompassingEncounter, olderProfileHeader } from './older-profile-header.ts';
import { SemdError } from './semd-error.ts';
import { diagnosisRoleNames, fieldCode, sectionCode } from './semd-vocabulary.ts';
import { xmlAttribute, xmlText } from '../xml/xml-text.ts';

export const ambulatoryEpicrisis42 = {
  kind: '42',
  templateId: '1.2.643.5.1.13.2.7.5.1.2.3',
  documentTypeCode: '2',
  title: 'Эпикриз по законченному случаю амбулаторный',
} as const;

/** `_facts`: kind 42 needs none: the case is in the record. */
export function buildAmbulatoryEpicrisis42(record: ClinicalRecord, identity: DocumentIdentity, _facts: CareFacts = {}): string {
  const closed = record.ambulatoryCase;
  if (!closed) throw new SemdError('DOCUMENT_DATA_MISSING', 'Для эпикриза по законченному случаю нужны сведения о случае (ambulatoryCase)');
  const root = olderProfileHeader(record, identity, ambulatoryEpicrisis42);
  olderEncompassingEncounter(root, record, identity);
  const bodyEl = structuredBody(root);
  caseSection(bodyEl, record, identity, closed);
  if (closed.visits.length > 0) visitsSection(bodyEl, record, closed.visits);
  treatmentSection(bodyEl, closed);
  return serialize(root);
}

const day = (isoDate: string | undefined): string => (isoDate ? readableTs(cdaDate(isoDate)) : '…');

/** The main diagnosis first: REMD reads the first one as the case's. */
const mainFirst = (list: readonly Diagnosis[]): Diagnosis[] => [...list].sort((a, b) => Number(b.role === 'main') - Number(a.role === 'main'));

/** A bare coded observation (У3-2 … У3-4: the value is the code itself). */
function codedFact(sectionEl: XMLBuilder, value: CodedValue | undefined): void {
  if (!value) return;
  const obs = sectionEl.ele('entry').ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
  codedElement(obs, 'code', value);
}

/** AMBS (У2-1, У3-1 … У3-6): the case, its period, kind, result, outcome, payment and diagnoses. */
function caseSection(bodyEl: XMLBuilder, record: ClinicalRecord, identity: DocumentIdentity, closed: AmbulatoryCase): void {
  const { encounter } = record;
  const diagnoses = mainFirst(encounter.diagnoses);
  const part = section(bodyEl, sectionCode.AMBS, 'Сведения амбулаторно-поликлинического обращения');
  const facts: [string, string | undefined][] = [
    ['Период случая', `${day(encounter.openDate)} — ${day(encounter.closeDate)}`],
    ['Вид обращения', closed.visitKind.displayName],
    ['Результат обращения', closed.result?.displayName],
    ['Исход заболевания', closed.outcome?.displayName],
    ['Источник оплаты', closed.paymentSource?.displayName],
  ];
  table(part.text, ['Сведения', 'Значение'], facts.filter((f): f is [string, string] => f[1] !== undefined));
  table(part.text, ['Вид диагноза', 'Код МКБ-10', 'Наименование по МКБ-10', 'Формулировка'], diagnoses.map((d) => {
    const code = diagnosisCode(d.code);
    return [closed.diagnosisKinds[d.role]?.displayName ?? diagnosisRoleNames[d.role], code.code, code.displayName, d.text ?? ''];
  }));
  paragraphs(part.text, encounter.conclusion);

  const enc = part.section.ele('entry').ele('encounter', { classCode: 'ENC', moodCode: 'EVN' });
  enc.ele('id', { root: xmlAttribute(localIdRoot(record.organization.oid, 'case')), extension: xmlAttribute(encounter.caseId ?? identity.setId) });
  const time = enc.ele('effectiveTime');
  if (encounter.openDate) time.ele('low', { value: cdaDate(encounter.openDate) });
  if (encounter.closeDate) time.ele('high', { value: cdaDate(encounter.closeDate) });
  const kind = enc.ele('entryRelationship', { typeCode: 'SUBJ', inversionInd: 'true' }).ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
  codedElement(kind, 'code', closed.visitKind);
  const main = diagnoses[0];
  if (main) codedElement(enc.ele('entryRelationship', { typeCode: 'REFR', inversionInd: 'false' }).ele('act', { classCode: 'ACT', moodCode: 'EVN' }), 'code', diagnosisCode(main.code));
  codedFact(part.section, closed.outcome);
  codedFact(part.section, closed.result);
  codedFact(part.section, closed.paymentSource);
  diagnosesAct(part.section, closed, diagnoses);
}

/** The diagnoses of the case (У3-6): an act of NSI 1076, one observation per diagnosis, its 1077 kind and МКБ-10 code. */
function diagnosesAct(sectionEl: XMLBuilder, closed: AmbulatoryCase, diagnoses: readonly Diagnosis[]): void {
  const act = sectionEl.ele('entry').ele('act', { classCode: 'ACT', moodCode: 'EVN' });
  codedElement(act, 'code', closed.diagnosisStage);
  for (const d of diagnoses) {
    const kind = closed.diagnosisKinds[d.role];
    // Without its kind a diagnosis cannot be written; validation names the missing kind.
    if (!kind) continue;
    const obs = act.ele('entryRelationship', { typeCode: 'COMP' }).ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
    codedElement(obs, 'code', kind);
    if (d.text && xmlText(d.text).trim() !== '') text(obs, 'text', d.text);
    codedElement(obs, 'value', diagnosisCode(d.code), { 'xsi:type': 'CD' });
  }
}

/** AMBSV (У2-3, У3-14): each visit, its doctor (the record's unless the visit names one), place, services and texts. */
function visitsSection(bodyEl: XMLBuilder, record: ClinicalRecord, visits: readonly CaseVisit[]): void {
  const part = section(bodyEl, sectionCode.AMBSV, 'Сведения амбулаторно-поликлинического посещения');
  visits.forEach((visit, i) => {
    const doctor = visit.practitioner ?? record.practitioner;
    paragraphs(part.text, `Посещение №${i + 1}, ${day(visit.date)}: ${visit.place.displayName}`);
    paragraphs(part.text, `Врач: ${[doctor.lastName, doctor.firstName, doctor.middleName].filter(Boolean).join(' ')}`);
    paragraphs(part.text, `Услуги: ${visit.services.map((s) => s.displayName).join('; ')}`);
    for (const [label, value] of visitTexts(visit)) if (value) paragraphs(part.text, `${label}: ${value}`);
    visitEntry(part.section, record, visit);
  });
}

function visitTexts(visit: CaseVisit): [string, string | undefined, CodedValue][] {
  return [
    ['Жалобы', visit.complaints, fieldCode.complaints],
    ['Объективные данные', visit.examination, fieldCode.examination],
    ['Заключение', visit.conclusion, fieldCode.conclusion],
    ['Рекомендовано', visit.recommendations, fieldCode.recommended],
  ];
}

function visitEntry(sectionEl: XMLBuilder, record: ClinicalRecord, visit: CaseVisit): void {
  const enc = sectionEl.ele('entry').ele('encounter', { classCode: 'ENC', moodCode: 'EVN' });
  const time = enc.ele('effectiveTime');
  time.ele('low', { value: cdaDate(visit.date) });
  time.ele('high', { value: cdaDate(visit.date) });
  olderAssignedPractitioner(enc.ele('performer'), 'assignedEntity', record, visit.practitioner);
  const place = enc.ele('participant', { typeCode: 'LOC' }).ele('participantRole', { classCode: 'SDLOC' });
  codedElement(place, 'code', visit.place);
  for (const service of visit.services) {
    const act = enc.ele('entryRelationship', { typeCode: 'REFR', inversionInd: 'false' }).ele('act', { classCode: 'ACT', moodCode: 'EVN' });
    codedElement(act, 'code', service);
    act.ele('effectiveTime', { value: cdaDate(visit.date) });
  }
  for (const [, value, field] of visitTexts(visit)) {
    const clean = value === undefined ? '' : xmlText(value).trim();
    if (clean === '') continue;
    const obs = enc.ele('entryRelationship', { typeCode: 'REFR', inversionInd: 'false' }).ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
    codedElement(obs, 'code', field);
    obs.ele('value', { 'xsi:type': 'ST' }).txt(clean);
  }
}

/** SUM (У2-12, no text of its own) with DRUG (У3-22: NSI 1367 drugs) and NONDRUG (text). */
function treatmentSection(bodyEl: XMLBuilder, closed: AmbulatoryCase): void {
  const drugs = closed.drugs ?? [];
  const nonDrug = closed.nonDrugTreatment?.trim() ?? '';
  if (drugs.length === 0 && nonDrug === '') return;
  const sum = bodyEl.ele('component').ele('section');
  codedElement(sum, 'code', sectionCode.SUM);
  text(sum, 'title', 'Информация о лечении');
  if (drugs.length > 0) {
    const drugPart = section(sum, sectionCode.DRUG, 'Медикаментозное лечение');
    for (const drug of drugs) paragraphs(drugPart.text, drug.displayName);
    for (const drug of drugs) {
      const admin = drugPart.section.ele('entry').ele('substanceAdministration', { classCode: 'SBADM', moodCode: 'EVN' });
      const product = admin.ele('consumable').ele('manufacturedProduct');
      codedElement(product.ele('manufacturedLabeledDrug'), 'code', drug);
    }
  }
  if (nonDrug !== '') paragraphs(section(sum, sectionCode.NONDRUG, 'Немедикаментозное лечение').text, nonDrug);
}
