/**
 * componentOf/encompassingEncounter of the Russian profile (119.sch У1-31,
 * 174.sch and 186.sch agree): the case id (.15), the medical card id (.17),
 * the card type and the case period. The case id falls back to the document
 * set, so that every version of one document names the same case.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import { codedElement, extension } from './cda-parts.ts';
import { cdaDate } from './cda-time.ts';
import { localIdRoot, type DocumentIdentity } from './document-identity.ts';
import { outpatientCard } from './semd-vocabulary.ts';
import { xmlAttribute } from '../xml/xml-text.ts';

/** `docType`: 119 also wants medService:DocType, which the record does not know (nullFlavor). */
export function encompassingEncounter(root: XMLBuilder, record: ClinicalRecord, identity: DocumentIdentity, options: { docType?: boolean } = {}): void {
  const org = record.organization.oid;
  const { encounter, patient } = record;
  const el = root.ele('componentOf').ele('encompassingEncounter');
  el.ele('id', { root: xmlAttribute(localIdRoot(org, 'case')), extension: xmlAttribute(encounter.caseId ?? identity.setId) });
  el.ele('id', { root: xmlAttribute(localIdRoot(org, 'card')), extension: xmlAttribute(patient.localId ?? patient.snils) });
  codedElement(el, 'code', outpatientCard);
  if (options.docType) extension(el, 'medService', 'DocType').att('nullFlavor', 'NI');
  const time = el.ele('effectiveTime');
  time.ele('low', { value: cdaDate(encounter.openDate ?? encounter.visitDate) });
  if (encounter.closeDate) time.ele('high', { value: cdaDate(encounter.closeDate) });
}
