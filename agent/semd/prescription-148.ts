/**
 * SEMD kind 148 «Рецепт на лекарственный препарат» (CDA Ред. 2), templateId
 * 1.2.643.5.1.13.13.14.86.9.2, document type 86 in NSI 1522.
 * Schema: schemas/148/CDA.xsd (modular, no componentOf); rules: 148.sch
 * (header У1-*, serviceEvent code 58; body DOCINFO У3-1…3 with 6000, 6004,
 * 6006; RECIPE У3-4: the drug, route, course and dose). The prescription
 * comes from record.prescription; its dictionaries (99.2.611, 99.2.608,
 * 99.2.609, 1468, 1358) are not shipped, so the record carries their values whole.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord, Prescription, Quantity } from '../../shared/domain/record.ts';
import type { CareFacts } from './care-facts.ts';
import { codedObservation, section, structuredBody } from './cda-body.ts';
import { documentHeader, serialize } from './cda-header.ts';
import { codedElement, ns } from './cda-parts.ts';
import { cdaDate } from './cda-time.ts';
import type { DocumentIdentity } from './document-identity.ts';
import { untypeExtensions } from './modular-profile.ts';
import { paragraphs } from './narrative.ts';
import { SemdError } from './semd-error.ts';
import { fieldCode, sectionCode, serviceEventPrescription } from './semd-vocabulary.ts';
import { xmlAttribute } from '../xml/xml-text.ts';

export const prescription148 = {
  kind: '148',
  templateId: '1.2.643.5.1.13.13.14.86.9.2',
  documentTypeCode: '86',
  title: 'Рецепт на лекарственный препарат',
} as const;

export function buildPrescription148(record: ClinicalRecord, identity: DocumentIdentity, facts: CareFacts = {}): string {
  const recipe = record.prescription;
  if (!recipe) throw new SemdError('DOCUMENT_DATA_MISSING', 'Для рецепта нужны сведения о назначении (prescription)');
  const root = documentHeader(record, identity, prescription148, { policyType: facts.insurancePolicyType });
  withOgrnip(root);
  const event = root.ele('documentationOf').ele('serviceEvent');
  codedElement(event, 'code', serviceEventPrescription);
  event.ele('effectiveTime', { value: cdaDate(record.encounter.visitDate) });
  const bodyEl = structuredBody(root);
  documentInfo(bodyEl, record, recipe);
  recipeSection(bodyEl, recipe);
  untypeExtensions(root);
  return serialize(root);
}

/**
 * The 148 schema's identity:Props wants both Ogrn and Ogrnip (Core06-1: one
 * of them non-empty): a legal entity has no ОГРНИП, so it is written NA.
 */
function withOgrnip(root: XMLBuilder): void {
  const props = root.find((n) => n.node.nodeName === 'identity:Props', false, true);
  if (props?.node.firstChild?.nodeName === 'identity:Ogrn') props.ele(ns.identity, 'identity:Ogrnip', { nullFlavor: 'NA' });
}

const decimal = (value: string): string => xmlAttribute(value.trim().replace(',', '.'));

/** DOCINFO: priority (6000, У3-1), validity (6004, У3-2), special purpose (6006, У3-3). */
function documentInfo(bodyEl: XMLBuilder, record: ClinicalRecord, recipe: Prescription): void {
  const info = section(bodyEl, sectionCode.DOCINFO, 'Сведения о документе');
  paragraphs(info.text, `Срок действия рецепта: ${recipe.validity.displayName}`);
  if (recipe.priority) paragraphs(info.text, `Приоритет исполнения: ${recipe.priority.displayName}`);
  if (recipe.specialPurpose) paragraphs(info.text, 'По специальному назначению');
  if (recipe.priority) codedObservation(info.section, fieldCode.recipePriority, recipe.priority);
  // From the day it is written (У3-2): effectiveTime goes before value in CDA order.
  const validity = info.section.ele('entry').ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
  codedElement(validity, 'code', fieldCode.recipeValidity);
  validity.ele('effectiveTime', { value: cdaDate(record.encounter.visitDate) });
  codedElement(validity, 'value', recipe.validity, { 'xsi:type': 'CD' });
  const special = info.section.ele('entry').ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
  codedElement(special, 'code', fieldCode.specialPurpose);
  special.ele('value', { 'xsi:type': 'BL', value: String(recipe.specialPurpose === true) });
}

/** A PQ element (width, period, doseQuantity) with its 1358 unit as translation. */
function quantity(parent: XMLBuilder, name: string, amount: Quantity): void {
  const value = decimal(amount.value);
  const el = parent.ele(name, { value, unit: xmlAttribute(amount.unit.displayName) });
  codedElement(el, 'translation', amount.unit, { value });
}

function consumable(admin: XMLBuilder): XMLBuilder {
  return admin.ele('consumable', { typeCode: 'CSM' }).ele('manufacturedProduct', { classCode: 'MANU' });
}

/** RECIPE (У3-4): the drug, its route and course, the dose and how many doses. */
function recipeSection(bodyEl: XMLBuilder, recipe: Prescription): void {
  const part = section(bodyEl, sectionCode.RECIPE, 'Рецепт');
  paragraphs(part.text, `Rp.: ${recipe.drug.displayName}`);
  paragraphs(part.text, `${recipe.route.displayName}, по ${recipe.dose.value} ${recipe.dose.unit.displayName} каждые ${recipe.every.value} ${recipe.every.unit.displayName}; курс ${recipe.course.value} ${recipe.course.unit.displayName}; всего: ${recipe.doseCount.value} ${recipe.doseCount.unit.displayName}`);
  const admin = part.section.ele('entry').ele('substanceAdministration', { classCode: 'SBADM', moodCode: 'RQO' });
  quantity(admin.ele('effectiveTime', { 'xsi:type': 'IVL_TS' }), 'width', recipe.course);
  codedElement(admin, 'routeCode', recipe.route);
  const material = consumable(admin).ele('manufacturedMaterial', { classCode: 'MMAT', determinerCode: 'KIND' });
  codedElement(material, 'code', recipe.drug);
  const dosing = admin.ele('entryRelationship', { typeCode: 'COMP' }).ele('substanceAdministration', { classCode: 'SBADM', moodCode: 'RQO' });
  quantity(dosing.ele('effectiveTime', { 'xsi:type': 'IVL_TS' }), 'width', recipe.course);
  quantity(dosing.ele('effectiveTime', { 'xsi:type': 'PIVL_TS', institutionSpecified: 'true', operator: 'A' }), 'period', recipe.every);
  quantity(dosing, 'doseQuantity', recipe.dose);
  consumable(dosing).ele('manufacturedMaterial', { nullFlavor: 'NA' });
  const count = admin.ele('entryRelationship', { typeCode: 'COMP' }).ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
  codedElement(count, 'code', fieldCode.doseCount);
  const total = count.ele('value', { 'xsi:type': 'PQ', value: decimal(recipe.doseCount.value), unit: 'U' });
  codedElement(total, 'translation', recipe.doseCount.unit, { value: decimal(recipe.doseCount.value) });
}
