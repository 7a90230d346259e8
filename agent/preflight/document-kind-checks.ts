/**
 * The document kind is registrable on the creation date by the newest NSI
 * 1520 the agent downloaded from FNSI (nsi-store.ts). The built-in dictionary
 * is checked by validation already; this catches a kind the ministry closed
 * after our release. Without a downloaded copy there is nothing to add.
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import { fnsiDay } from '../egisz/registries/fnsi-client.ts';
import type { StoredDictionary } from '../egisz/registries/nsi-store.ts';
import { preflightIssue } from './preflight-catalogue.ts';
import { dayOf } from './registry-answer.ts';

export const DOCUMENT_KINDS_OID = '1.2.643.5.1.13.13.11.1520';

export function checkDocumentKindOnDate(record: ClinicalRecord, kinds: StoredDictionary | undefined): Issue[] {
  if (!kinds) return [];
  const row = kinds.rows.find((r) => r.OID === record.document.kind || r.ID === record.document.kind);
  if (!row) return [];
  const day = dayOf(record.document.createdAt);
  const start = fnsiDay(row.START_DATE);
  const end = fnsiDay(row.END_DATE);
  if ((start && day < start) || (end && day >= end)) {
    const period = [start && `регистрируется с ${start}`, end && `по ${end} (не включая)`].filter(Boolean).join(' ');
    return [preflightIssue('PREFLIGHT_KIND_NOT_ON_DATE', 'document.kind', { value: record.document.kind, version: kinds.passport.version, date: day, period })];
  }
  return [];
}
