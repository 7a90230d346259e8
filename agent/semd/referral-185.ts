/**
 * SEMD kind 185 «Направление на консультацию и во вспомогательные кабинеты»
 * (CDA Ред. 2), templateId 1.2.643.5.1.13.13.14.57.9.2, document type 57 in
 * NSI 1522. Schema: schemas/185/CDA.xsd (modular); rules: 185.sch (Main01–08
 * header, Core01–11 common parts; body sections SCOPORG and DGN).
 * The referral's target and service are not in the record: CareFacts.referral.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord, Diagnosis } from '../../shared/domain/record.ts';
import type { CareFacts, ReferralFacts } from './care-facts.ts';
import { diagnosisCode } from './coded-value.ts';
import { section, structuredBody, textObservation } from './cda-body.ts';
import { documentHeader, serialize } from './cda-header.ts';
import { codedElement, text } from './cda-parts.ts';
import { cdaDate } from './cda-time.ts';
import type { DocumentIdentity } from './document-identity.ts';
import { untypeExtensions } from './modular-profile.ts';
import { paragraphs, table } from './narrative.ts';
import { fieldCode, sectionCode, serviceEventDocumentIssue } from './semd-vocabulary.ts';
import { xmlAttribute, xmlText } from '../xml/xml-text.ts';

export const referral185 = {
  kind: '185',
  templateId: '1.2.643.5.1.13.13.14.57.9.2',
  documentTypeCode: '57',
  title: 'Направление на консультацию и во вспомогательные кабинеты',
} as const;

export function buildReferral185(record: ClinicalRecord, identity: DocumentIdentity, facts: CareFacts = {}): string {
  const root = documentHeader(record, identity, referral185, { policyType: facts.insurancePolicyType, okpo: facts.organizationOkpo });
  serviceEvent(root, record);
  body(root, record, facts);
  untypeExtensions(root);
  return serialize(root);
}

/** documentationOf/serviceEvent: issuing the referral on the visit day (Main08, code 50). */
function serviceEvent(root: XMLBuilder, record: ClinicalRecord): void {
  const event = root.ele('documentationOf').ele('serviceEvent');
  codedElement(event, 'code', serviceEventDocumentIssue);
  event.ele('effectiveTime', { value: cdaDate(record.encounter.visitDate) });
}

function body(root: XMLBuilder, record: ClinicalRecord, facts: CareFacts): void {
  const bodyEl = structuredBody(root);
  if (facts.referral) target(bodyEl, facts.referral);
  diagnoses(bodyEl, record.encounter.diagnoses, facts);
}

/** SCOPORG: the receiving organization (act 8038) and the requested service (833). */
function target(bodyEl: XMLBuilder, referral: ReferralFacts): void {
  const scope = section(bodyEl, sectionCode.SCOPORG, 'Цель направления и медицинская организация, куда направлен');
  const service = typeof referral.service === 'string' ? referral.service : referral.service.displayName;
  paragraphs(scope.text, `Направлен в: ${referral.organization.name}`);
  paragraphs(scope.text, `Медицинская услуга: ${service}`);
  if (referral.comment) paragraphs(scope.text, `Комментарий: ${referral.comment}`);

  const act = scope.section.ele('entry').ele('act', { classCode: 'ACT', moodCode: 'RQO' });
  codedElement(act, 'code', fieldCode.referralTarget);
  const entity = act.ele('performer').ele('assignedEntity');
  entity.ele('id', { nullFlavor: 'NI' });
  const org = entity.ele('representedOrganization', { classCode: 'ORG' });
  org.ele('id', { root: xmlAttribute(referral.organization.oid) });
  text(org, 'name', referral.organization.name);

  const obs = scope.section.ele('entry').ele('observation', { classCode: 'OBS', moodCode: 'RQO' });
  codedElement(obs, 'code', fieldCode.medicalService);
  if (typeof referral.service === 'string') {
    obs.ele('value', { 'xsi:type': 'CD', nullFlavor: 'OTH' }).ele('originalText').txt(xmlText(referral.service));
  } else codedElement(obs, 'value', referral.service, { 'xsi:type': 'CD' });
  if (referral.comment) textObservation(scope.section, fieldCode.comment, referral.comment);
}

/** DGN: each diagnosis, its kind from NSI 1077 and its МКБ-10 code. */
function diagnoses(bodyEl: XMLBuilder, list: readonly Diagnosis[], facts: CareFacts): void {
  const dgn = section(bodyEl, sectionCode.DGN, 'Диагнозы');
  const rows = list.map((d) => {
    const code = diagnosisCode(d.code);
    return [facts.diagnosisKinds?.[d.role]?.displayName ?? d.role, code.code, code.displayName, d.text ?? ''];
  });
  table(dgn.text, ['Вид диагноза', 'Код МКБ-10', 'Наименование по МКБ-10', 'Формулировка'], rows);
  for (const d of list) {
    const kind = facts.diagnosisKinds?.[d.role];
    if (!kind) continue;
    const obs = dgn.section.ele('entry').ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
    codedElement(obs, 'code', kind);
    codedElement(obs, 'value', diagnosisCode(d.code), { 'xsi:type': 'CD' });
  }
}
