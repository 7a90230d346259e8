/**
 * The signer's position may sign this document kind in its role on the
 * creation date, by the rules of NSI 1.2.643.5.1.13.13.99.2.42 the agent
 * downloaded from FNSI (signing-rules.ts). Without a downloaded copy the
 * check cannot run: an info note, never a block (REMD still checks).
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import { findDocumentKind } from '../../shared/dictionaries/document-kinds.ts';
import { findPosition } from '../../shared/dictionaries/positions.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import type { StoredDictionary } from '../egisz/registries/nsi-store.ts';
import { judgeSigner, readSigningRules } from '../egisz/registries/signing-rules.ts';
import { SIGNER_ROLE } from '../jobs/register-request.ts';
import { preflightIssue } from './preflight-catalogue.ts';
import { dayOf } from './registry-answer.ts';

export function checkSignerPosition(record: ClinicalRecord, rules: StoredDictionary | undefined): Issue[] {
  if (!rules) return [preflightIssue('PREFLIGHT_SIGNING_RULES_MISSING', '')];
  const { kind } = record.document;
  const position = record.practitioner.positionCode;
  const day = dayOf(record.document.createdAt);
  const judged = judgeSigner(readSigningRules(rules.rows), { kind, role: SIGNER_ROLE, position, day });
  const params = { kind: findDocumentKind(kind)?.name ?? kind, role: SIGNER_ROLE, date: day, version: rules.passport.version };
  switch (judged.verdict) {
    case 'no-role-on-date':
      return [preflightIssue('PREFLIGHT_NO_ROLE_POLICY_ON_DATE', 'document.createdAt', params)];
    case 'position-mismatch':
      return [preflightIssue('PREFLIGHT_POSITION_MAY_NOT_SIGN', 'practitioner.positionCode', {
        ...params, value: position!, position: findPosition(position!)?.name ?? position!,
      })];
    default:
      return [];
  }
}
