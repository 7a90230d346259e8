/**
 * A correction as the next version of an earlier document (egisz.md §2.3):
 * the same setId, versionNumber + 1, a new localUid; the SEMD is built again
 * with that identity and checked against the XSD like the first version.
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { DocumentIdentity } from '../semd/document-identity.ts';
import { buildSemd } from '../semd/semd-builders.ts';
import { checkXsd } from '../semd/xsd-check.ts';

/** The SEMD, or undefined when the rebuilt document does not pass the XSD. */
export async function rebuildAsVersion(record: ClinicalRecord, identity: DocumentIdentity): Promise<string | undefined> {
  const semd = buildSemd(record, identity);
  const xsd = await checkXsd(semd.xml, semd.kind);
  return xsd.ok ? semd.xml : undefined;
}

/** The setId extension of a built SEMD. */
export function setIdOf(xml: string): string | undefined {
  return /<setId\b[^>]*\bextension="([^"]+)"/.exec(xml)?.[1];
}
