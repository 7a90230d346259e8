/**
 * The ClinicalDocument root and its identifying header elements, common to
 * every SEMD kind (119.sch У1-9 … У1-20): realmCode, typeId, templateId, id,
 * code, title, effectiveTime, confidentialityCode, languageCode, setId,
 * versionNumber. Kind-specific parts are appended by each template.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import { confidentialityCode, documentTypeCode, type CodedValue } from './coded-value.ts';
import { codedElement, ns, text } from './cda-parts.ts';
import { author, custodian, informationRecipient, legalAuthenticator, recordTarget } from './cda-participants.ts';
import { cdaMoment } from './cda-time.ts';
import { localIdRoot, type DocumentIdentity } from './document-identity.ts';
import { xmlAttribute } from '../xml/xml-text.ts';

export interface DocumentTemplate {
  /** ClinicalDocument/templateId/@root. */
  templateId: string;
  /** NSI 1522 document type. */
  documentType: CodedValue;
  title: string;
}

/** How a profile opens the document: the namespaces it declares and its typeId. */
export interface CdaProfile {
  namespaces: Record<string, string>;
  typeId: string;
}

/** The Russian profile of the current kinds, with its extension namespaces. */
const russianProfile: CdaProfile = {
  namespaces: { 'xmlns:xsi': ns.xsi, 'xmlns:identity': ns.identity, 'xmlns:address': ns.address, 'xmlns:fias': ns.fias, 'xmlns:medService': ns.medService },
  typeId: 'POCD_MT000040',
};

/** Creates the document and writes its header; returns the root element. */
export function clinicalDocument(record: ClinicalRecord, identity: DocumentIdentity, template: DocumentTemplate, profile: CdaProfile = russianProfile): XMLBuilder {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(ns.cda, 'ClinicalDocument', profile.namespaces);
  const org = record.organization.oid;
  root.ele('realmCode', { code: 'RU' });
  root.ele('typeId', { root: '2.16.840.1.113883.1.3', extension: profile.typeId });
  root.ele('templateId', { root: template.templateId });
  root.ele('id', { root: xmlAttribute(localIdRoot(org, 'document')), extension: xmlAttribute(identity.localUid) });
  codedElement(root, 'code', template.documentType);
  text(root, 'title', template.title);
  root.ele('effectiveTime', { value: cdaMoment(record.document.createdAt) });
  codedElement(root, 'confidentialityCode', confidentialityCode('N'));
  root.ele('languageCode', { code: 'ru-RU' });
  root.ele('setId', { root: xmlAttribute(localIdRoot(org, 'documentSet')), extension: xmlAttribute(identity.setId) });
  root.ele('versionNumber', { value: String(identity.versionNumber) });
  return root;
}

/** A kind as its builder names it: templateId, NSI 1522 document type code, title. */
export interface TemplateName {
  templateId: string;
  documentTypeCode: string;
  title: string;
}

/** What recordTarget needs beyond the record: the OMS policy form (NSI 1035) and the ОКПО (modular kinds). */
export interface HeaderFacts {
  policyType?: string | undefined;
  okpo?: string | undefined;
}

/**
 * The header every Russian-profile kind starts with: the document's identity,
 * then patient, author, custodian, recipient (the Ministry) and signer.
 */
export function documentHeader(record: ClinicalRecord, identity: DocumentIdentity, template: TemplateName, facts: HeaderFacts = {}): XMLBuilder {
  const root = clinicalDocument(record, identity, {
    templateId: template.templateId,
    documentType: documentTypeCode(template.documentTypeCode),
    title: template.title,
  });
  recordTarget(root, record, facts.policyType, facts.okpo);
  author(root, record);
  custodian(root, record);
  informationRecipient(root);
  legalAuthenticator(root, record);
  return root;
}

/** The serialized document: UTF-8, pretty-printed so that a person can read what is signed. */
export function serialize(root: XMLBuilder): string {
  return root.end({ prettyPrint: true });
}
