/**
 * The header of the older Russian CDA profile (SEMD 42 Ред. 3; 42.sch У1-1 …
 * У1-50): no Russian extension elements (identity:, address:, fias:), typeId
 * POCD_HD000040, a person's patronymic as the second `given`, an address as
 * streetAddressLine and state, three patient ids (local, SNILS, OMS policy),
 * a telecom on the patient and every organization (nullFlavor when unknown),
 * and an encompassingEncounter with one id, a discharge code and a facility.
 * The newer kinds' header (cda-header.ts, cda-participants.ts) differs in each
 * of these, so the two are kept apart.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord, Organization, Practitioner } from '../../shared/domain/record.ts';
import { clinicalDocument, type CdaProfile, type TemplateName } from './cda-header.ts';
import { documentTypeCode, genderCode, positionCode } from './coded-value.ts';
import { codedElement, ns, organizationRegion, text, type PersonName } from './cda-parts.ts';
import { cdaDate, cdaMoment } from './cda-time.ts';
import { localIdRoot, type DocumentIdentity } from './document-identity.ts';
import { regionOfAddress } from './region.ts';
import { ministryOfHealth, snilsRoot } from './semd-vocabulary.ts';
import { xmlAttribute } from '../xml/xml-text.ts';

function id(parent: XMLBuilder, root: string, extension: string): void {
  parent.ele('id', { root: xmlAttribute(root), extension: xmlAttribute(extension) });
}

/** name: family, then the first name and the patronymic as two `given` (У1-1); no patronymic: nullFlavor. */
export function olderPersonName(parent: XMLBuilder, person: PersonName): void {
  const name = parent.ele('name');
  text(name, 'family', person.lastName);
  text(name, 'given', person.firstName);
  if (person.middleName) text(name, 'given', person.middleName);
  else name.ele('given', { nullFlavor: 'NI' });
}

/** A telecom as `tel:+7…` (У1-7), or nullFlavor when there is no number: the profile counts telecoms. */
function telecom(parent: XMLBuilder, phone: string | undefined): void {
  const digits = phone?.replace(/[^\d+()-.]/g, '');
  if (digits && /\d/.test(digits)) parent.ele('telecom', { value: `tel:${digits}` });
  else parent.ele('telecom', { nullFlavor: 'NI' });
}

/** addr with streetAddressLine and state: the region's code in NSI 99.2.206 (У1-3). */
function address(parent: XMLBuilder, line: string | undefined, regionCode: string | undefined, use?: string): void {
  if (!line || !regionCode) {
    // Without a region the Schematron names the gap: no guessing.
    if (use) parent.ele('addr', { use, nullFlavor: 'NI' });
    return;
  }
  const addr = parent.ele('addr', use ? { use } : {});
  text(addr, 'streetAddressLine', line);
  text(addr, 'state', regionCode);
}

/** An organization: id (FRMO OID), name, telecom, addr (У1-2, У1-27, У1-34, У1-44). */
function organization(parent: XMLBuilder, element: string, org: Organization): void {
  const el = parent.ele(element, { classCode: 'ORG' });
  el.ele('id', { root: xmlAttribute(org.oid) });
  text(el, 'name', org.name);
  telecom(el, org.phone);
  address(el, org.address, organizationRegion(org)?.code);
}

/** No extension namespaces; the typeId 42.sch У1-9 demands. */
const olderProfile: CdaProfile = { namespaces: { 'xmlns:xsi': ns.xsi }, typeId: 'POCD_HD000040' };

/** recordTarget: local id (.10), SNILS, the policy id (not in the record: nullFlavor), address, phone, patient, provider. */
function recordTarget(root: XMLBuilder, record: ClinicalRecord): void {
  const { patient, organization: org } = record;
  const role = root.ele('recordTarget').ele('patientRole');
  id(role, localIdRoot(org.oid, 'patient'), patient.localId ?? patient.snils);
  id(role, snilsRoot, patient.snils);
  // id[3] is the policy as its insurer issued it (У1-21: the insurer's name); the record has the ЕНП only.
  role.ele('id', { nullFlavor: 'NI' });
  const region = patient.address ? (regionOfAddress(patient.address) ?? organizationRegion(org)) : undefined;
  address(role, patient.address, region?.code, 'H');
  telecom(role, patient.phone);
  const person = role.ele('patient');
  olderPersonName(person, patient);
  codedElement(person, 'administrativeGenderCode', genderCode(patient.gender));
  person.ele('birthTime', { value: cdaDate(patient.birthDate) });
  organization(role, 'providerOrganization', org);
}

/** assignedAuthor / assignedEntity: staff id (.70), SNILS, position, name, organization (У1-29 … У1-45). */
export function olderAssignedPractitioner(parent: XMLBuilder, element: string, record: ClinicalRecord, practitioner: Practitioner = record.practitioner): void {
  const entity = parent.ele(element);
  id(entity, localIdRoot(record.organization.oid, 'staff'), practitioner.localId ?? practitioner.snils);
  id(entity, snilsRoot, practitioner.snils);
  if (practitioner.positionCode) codedElement(entity, 'code', positionCode(practitioner.positionCode));
  olderPersonName(entity.ele('assignedPerson'), practitioner);
  organization(entity, 'representedOrganization', record.organization);
}

/** author (the document's time, У1-6), custodian, informationRecipient (the Ministry), legalAuthenticator (У1-39, У1-40). */
function participants(root: XMLBuilder, record: ClinicalRecord): void {
  const signedAt = cdaMoment(record.document.createdAt);
  const author = root.ele('author');
  author.ele('time', { value: signedAt });
  olderAssignedPractitioner(author, 'assignedAuthor', record);
  organization(root.ele('custodian').ele('assignedCustodian'), 'representedCustodianOrganization', record.organization);
  const recipient = root.ele('informationRecipient').ele('intendedRecipient').ele('receivedOrganization');
  recipient.ele('id', { root: ministryOfHealth.oid });
  text(recipient, 'name', ministryOfHealth.name);
  const signer = root.ele('legalAuthenticator');
  signer.ele('time', { value: signedAt });
  signer.ele('signatureCode', { code: 'S' });
  olderAssignedPractitioner(signer, 'assignedEntity', record);
}

/** The header of an older-profile document, from its identity (У1-8 … У1-17) to the signer. */
export function olderProfileHeader(record: ClinicalRecord, identity: DocumentIdentity, template: TemplateName): XMLBuilder {
  const root = clinicalDocument(record, identity, {
    templateId: template.templateId,
    documentType: documentTypeCode(template.documentTypeCode),
    title: template.title,
  }, olderProfile);
  recordTarget(root, record);
  participants(root, record);
  return root;
}

/**
 * componentOf/encompassingEncounter (У1-50): the case id (.15) and period, the
 * discharge code (a hospital outcome, NSI 1373: not applicable to an
 * ambulatory case, whose result is in the body) and the facility that kept it.
 */
export function olderEncompassingEncounter(root: XMLBuilder, record: ClinicalRecord, identity: DocumentIdentity): void {
  const { encounter, organization: org } = record;
  const el = root.ele('componentOf').ele('encompassingEncounter');
  id(el, localIdRoot(org.oid, 'case'), encounter.caseId ?? identity.setId);
  const time = el.ele('effectiveTime');
  time.ele('low', { value: cdaDate(encounter.openDate ?? encounter.visitDate) });
  // An open case has no end: the Schematron then says so (epicrises are of closed cases).
  if (encounter.closeDate) time.ele('high', { value: cdaDate(encounter.closeDate) });
  el.ele('dischargeDispositionCode', { nullFlavor: 'NA' });
  el.ele('location').ele('healthCareFacility').ele('id', { root: xmlAttribute(org.departmentOid ?? org.oid) });
}
