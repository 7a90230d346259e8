/**
 * A correction as the next version of an earlier document (egisz.md §2.3):
 * the same setId, versionNumber + 1, a new localUid; the SEMD is built again
 * with that identity and the first version's care facts (without them 119
 * and 174 lose required entries, 185 its referral), and checked like it was.
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import { semdVerdict } from '../jobs/semd-verdict.ts';
import type { CareFacts } from '../semd/care-facts.ts';
import type { DocumentIdentity } from '../semd/document-identity.ts';
import { buildSemd } from '../semd/semd-builders.ts';
import { attributeFindings, checkSemd } from '../semd/semd-check.ts';

/** The SEMD, or undefined when the rebuilt document does not pass the checks the first version passed. */
export async function rebuildAsVersion(record: ClinicalRecord, identity: DocumentIdentity, facts?: CareFacts): Promise<string | undefined> {
  const semd = buildSemd(record, identity, facts);
  return semdVerdict(attributeFindings(await checkSemd(semd.xml, semd.kind), record)).ok ? semd.xml : undefined;
}

/** The setId extension of a built SEMD. */
export function setIdOf(xml: string): string | undefined {
  return /<setId\b[^>]*\bextension="([^"]+)"/.exec(xml)?.[1];
}
