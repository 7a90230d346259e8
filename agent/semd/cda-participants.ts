/**
 * Header participants common to the Russian CDA profile (119.sch У1-21 … У1-26,
 * У1-30; the other kinds' Schematrons agree): recordTarget, author, custodian,
 * informationRecipient, legalAuthenticator and the performer of serviceEvent.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord, Patient, Practitioner } from '../../shared/domain/record.ts';
import { genderCode, positionCode, type CodedValue } from './coded-value.ts';
import { address, codedElement, extension, organization, organizationRegion, personName, telecom, text } from './cda-parts.ts';
import { budgetPaymentCodes } from './care-facts.ts';
import { cdaDate } from './cda-time.ts';
import { localIdRoot } from './document-identity.ts';
import { identityDocument, insurancePolicy } from './patient-documents.ts';
import { ministryOfHealth, snilsRoot } from './semd-vocabulary.ts';
import { regionOfAddress } from './region.ts';
import { xmlAttribute } from '../xml/xml-text.ts';

/** NSI 1.2.643.5.1.13.13.11.1504 code 3: the first patient address must be the actual one (У1-21). */
const actualAddress: CodedValue = {
  code: '3',
  codeSystem: '1.2.643.5.1.13.13.11.1504',
  codeSystemVersion: '1.3',
  codeSystemName: 'Тип адреса пациента',
  displayName: 'Адрес фактического проживания (пребывания)',
};

function id(parent: XMLBuilder, root: string, extension: string): void {
  parent.ele('id', { root: xmlAttribute(root), extension: xmlAttribute(extension) });
}

/** recordTarget/patientRole: local id (.10), SNILS, documents, address, patient, provider. */
export function recordTarget(parent: XMLBuilder, record: ClinicalRecord, policyType?: string, okpo?: string): void {
  const { patient, organization: org } = record;
  const role = parent.ele('recordTarget').ele('patientRole');
  id(role, localIdRoot(org.oid, 'patient'), patient.localId ?? patient.snils);
  id(role, snilsRoot, patient.snils);
  identityDocument(role, patient);
  insurancePolicy(role, patient, policyType);
  patientAddress(role, patient, record);
  telecom(role, patient.phone);
  const person = role.ele('patient');
  personName(person, patient);
  codedElement(person, 'administrativeGenderCode', genderCode(patient.gender));
  person.ele('birthTime', { value: cdaDate(patient.birthDate) });
  organization(role, 'providerOrganization', org, { props: true, ...(okpo ? { okpo } : {}) });
}

function patientAddress(role: XMLBuilder, patient: Patient, record: ClinicalRecord): void {
  const region = patient.address
    ? (regionOfAddress(patient.address) ?? organizationRegion(record.organization))
    : undefined;
  if (patient.address && region) {
    address(role, patient.address, region, actualAddress);
    return;
  }
  const unknown = role.ele('addr', { nullFlavor: 'NI' });
  codedElement(unknown, 'address:Type', actualAddress, { 'xsi:type': 'CD' });
}

/** assignedAuthor / assignedEntity: ids (.70 + SNILS), position, name, organization. */
export function assignedPractitioner(parent: XMLBuilder, element: string, record: ClinicalRecord, practitioner: Practitioner = record.practitioner): void {
  const entity = parent.ele(element);
  id(entity, localIdRoot(record.organization.oid, 'staff'), practitioner.localId ?? practitioner.snils);
  id(entity, snilsRoot, practitioner.snils);
  if (practitioner.positionCode) codedElement(entity, 'code', positionCode(practitioner.positionCode));
  personName(entity.ele('assignedPerson'), practitioner);
  organization(entity, 'representedOrganization', record.organization, { classCode: true });
}

/** author: time nullFlavor NI (as 119.sch У1-22 demands) and the doctor. */
export function author(parent: XMLBuilder, record: ClinicalRecord): void {
  const el = parent.ele('author');
  el.ele('time', { nullFlavor: 'NI' });
  assignedPractitioner(el, 'assignedAuthor', record);
}

/** custodian: the organization that keeps the original (id, name, addr required). */
export function custodian(parent: XMLBuilder, record: ClinicalRecord): void {
  const org = record.organization;
  const el = parent.ele('custodian').ele('assignedCustodian').ele('representedCustodianOrganization', { classCode: 'ORG' });
  el.ele('id', { root: xmlAttribute(org.oid) });
  text(el, 'name', org.name);
  telecom(el, org.phone);
  // Without an address or a region the Schematron reports the gap (no guessing).
  const region = organizationRegion(org);
  if (org.address && region) address(el, org.address, region);
}

/** informationRecipient: the Ministry of Health (У1-24). */
export function informationRecipient(parent: XMLBuilder): void {
  const org = parent.ele('informationRecipient').ele('intendedRecipient').ele('receivedOrganization');
  org.ele('id', { root: ministryOfHealth.oid });
  text(org, 'name', ministryOfHealth.name);
}

/** legalAuthenticator: signed electronically, time and signatureCode nullFlavor NI (У1-26). */
export function legalAuthenticator(parent: XMLBuilder, record: ClinicalRecord): void {
  const el = parent.ele('legalAuthenticator');
  el.ele('time', { nullFlavor: 'NI' });
  el.ele('signatureCode', { nullFlavor: 'NI' });
  assignedPractitioner(el, 'assignedEntity', record);
}

/** participant IND (У1-27): who pays. Only budget sources, which need no policy document. */
export function paymentParticipant(parent: XMLBuilder, source: CodedValue | undefined): void {
  if (!source || !budgetPaymentCodes.includes(source.code)) return;
  const entity = parent.ele('participant', { typeCode: 'IND' }).ele('associatedEntity', { classCode: 'GUAR' });
  codedElement(entity, 'code', source);
  extension(entity, 'identity', 'DocInfo').att('nullFlavor', 'NAV');
}
