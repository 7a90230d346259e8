/**
 * Identity of one SEMD version and the OID roots the Russian CDA profile
 * derives from the organization's FRMO OID (egisz.md §2.2, 119.sch У1-12, У1-19,
 * У1-21, У1-22, У1-31): `<MO OID>.100.<MIS number>.<MIS instance>.<suffix>`.
 */
import { randomUUID } from 'node:crypto';
import { SemdError } from './semd-error.ts';

export interface DocumentIdentity {
  /** UUID of this version: the CDA id extension and the REMD localUid. */
  localUid: string;
  /** Shared by all versions of one document (CDA setId extension). */
  setId: string;
  /** 1 for the first version, +1 for each correction. */
  versionNumber: number;
}

/** The MIS registration numbers in the organization's OID space. */
export interface MisNumbers {
  misNumber: string;
  misInstance: string;
}

export const defaultMisNumbers: MisNumbers = { misNumber: '1', misInstance: '1' };

/** Suffixes of the local identifier roots the Schematron checks. */
export const idSuffix = {
  document: '51',
  documentSet: '50',
  patient: '10',
  case: '15',
  card: '17',
  staff: '70',
  /** A specimen of in vitro diagnostics (186.sch У3-1). */
  specimen: '66',
  /** An analyser or consumable of in vitro diagnostics (186.sch У3-2). */
  device: '67',
} as const;

export type IdKind = keyof typeof idSuffix;

/** The OID root for one kind of local identifier, e.g. `<MO>.100.1.1.51`. */
export function localIdRoot(orgOid: string, kind: IdKind, mis: MisNumbers = defaultMisNumbers): string {
  return `${orgOid}.100.${mis.misNumber}.${mis.misInstance}.${idSuffix[kind]}`;
}

/** A brand-new document: the first version of a new set. */
export function newDocumentIdentity(localUid: string = randomUUID()): DocumentIdentity {
  return { localUid, setId: localUid, versionNumber: 1 };
}

/**
 * A corrected document (egisz.md §2.3): a new id and localUid, the same setId,
 * the version number one higher.
 */
export function nextVersion(previous: DocumentIdentity, localUid: string = randomUUID()): DocumentIdentity {
  if (localUid === previous.localUid) {
    throw new SemdError('DOCUMENT_VERSION_INVALID', 'Новая версия документа должна иметь новый идентификатор (localUid)');
  }
  return { localUid, setId: previous.setId, versionNumber: previous.versionNumber + 1 };
}
