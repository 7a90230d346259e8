/**
 * The patient's identity document and OMS policy in recordTarget/patientRole
 * (119.sch У1-21): identity:IdentityDoc from record.patient.identityDocument
 * (type from NSI 99.2.48) and identity:InsurancePolicy from record.patient.enp
 * (type from NSI 1035, which the record does not say: given as a care fact).
 * Missing parts are written with nullFlavor, never guessed.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Patient } from '../../shared/domain/record.ts';
import identityDocuments from './data/identity-documents-48.json' with { type: 'json' };
import policyTypes from './data/insurance-policy-types-1035.json' with { type: 'json' };
import { codedElement, extension } from './cda-parts.ts';
import { cdaDate } from './cda-time.ts';
import { codedFrom } from './nsi-extract.ts';
import { SemdError } from './semd-error.ts';
import { xmlText } from '../xml/xml-text.ts';

/** identity:<name> xsi:type ST with the text, or nullFlavor NI when there is none. */
function textPart(parent: XMLBuilder, name: string, value: string | undefined): void {
  const el = extension(parent, 'identity', name, 'ST');
  const clean = value === undefined ? '' : xmlText(value).trim();
  if (clean === '') el.att('nullFlavor', 'NI');
  else el.txt(clean);
}

export function identityDocument(role: XMLBuilder, patient: Patient): void {
  const doc = patient.identityDocument;
  const el = extension(role, 'identity', 'IdentityDoc');
  if (!doc) {
    el.att('nullFlavor', 'NI');
    return;
  }
  const type = codedFrom(identityDocuments, doc.type);
  if (!type) throw new SemdError('DOCUMENT_CODE_UNKNOWN', `Код «${doc.type}» не найден в справочнике «${identityDocuments.name}» (${identityDocuments.oid})`);
  codedElement(el, 'identity:IdentityCardType', type, { 'xsi:type': 'CD' });
  textPart(el, 'Series', doc.series);
  textPart(el, 'Number', doc.number);
  textPart(el, 'IssueOrgName', doc.issuedBy);
  // The record has no issuing-office code (код подразделения).
  textPart(el, 'IssueOrgCode', undefined);
  const issued = extension(el, 'identity', 'IssueDate', 'TS');
  if (doc.issueDate) issued.att('value', cdaDate(doc.issueDate));
  else issued.att('nullFlavor', 'NI');
}

/** `policyType`: NSI 1035 code of the patient's policy form. */
export function insurancePolicy(role: XMLBuilder, patient: Patient, policyType: string | undefined): void {
  const el = extension(role, 'identity', 'InsurancePolicy');
  const type = policyType === undefined ? undefined : codedFrom(policyTypes, policyType);
  if (policyType !== undefined && !type) {
    throw new SemdError('DOCUMENT_CODE_UNKNOWN', `Код «${policyType}» не найден в справочнике «${policyTypes.name}» (${policyTypes.oid})`);
  }
  if (!patient.enp || !type) {
    el.att('nullFlavor', 'NI');
    return;
  }
  codedElement(el, 'identity:InsurancePolicyType', type, { 'xsi:type': 'CD' });
  textPart(el, 'Number', patient.enp);
}
