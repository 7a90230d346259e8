/**
 * The sandbox's register of EMD: what REMD holds after a successful
 * registration, plus the localUids whose registration is still in progress
 * (a second request for those is NOT_UNIQUE_PROVIDED_ID too).
 */
import type { RegistrySearchQuery } from '../egisz/remd/registry-query.ts';
import type { RegistryItem } from '../egisz/remd/registry-item.ts';

/** One registered document; GET /sandbox/registry lists these (the e2e contract). */
export interface RegistryEntry {
  localUid: string;
  emdrId: string;
  kind: string;
  patientSnils: string;
  /** ISO 8601. */
  registeredAt: string;
  organization: string;
  creationDateTime: string;
  /** The system that registered it: each system sees only its own records. */
  clientEntityId: string;
}

/** Registry number: region.kind.yy.mm.serial (egisz.md §1.7, e.g. 16.62.23.09.000014523). */
export function formatEmdrId(organization: string, kind: string, at: Date, serial: number): string {
  const region = /^1\.2\.643\.5\.1\.13\.13\.12\.2\.(\d+)\./.exec(organization)?.[1] ?? '00';
  const yy = String(at.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${region}.${kind}.${yy}.${mm}.${String(serial).padStart(6, '0')}`;
}

export class SandboxRegistry {
  readonly #entries = new Map<string, RegistryEntry>();
  readonly #inProgress = new Set<string>();
  #serial = 0;

  /** Claim a localUid for a new registration; false when it is taken or in progress. */
  claim(localUid: string): boolean {
    if (this.#entries.has(localUid) || this.#inProgress.has(localUid)) return false;
    this.#inProgress.add(localUid);
    return true;
  }

  /** A registration failed: the localUid may be submitted again. */
  release(localUid: string): void {
    this.#inProgress.delete(localUid);
  }

  register(fields: Omit<RegistryEntry, 'emdrId' | 'registeredAt'>, at: Date): RegistryEntry {
    const emdrId = formatEmdrId(fields.organization, fields.kind, at, ++this.#serial);
    const entry: RegistryEntry = { ...fields, emdrId, registeredAt: at.toISOString() };
    this.#inProgress.delete(fields.localUid);
    this.#entries.set(fields.localUid, entry);
    return entry;
  }

  list(): RegistryEntry[] {
    return [...this.#entries.values()];
  }

  byEmdrId(emdrId: string, clientEntityId: string): RegistryEntry | undefined {
    return this.list().find((e) => e.emdrId === emdrId && e.clientEntityId === clientEntityId);
  }

  search(query: RegistrySearchQuery, clientEntityId: string): RegistryEntry[] {
    return this.list().filter((e) => {
      const day = e.registeredAt.slice(0, 10);
      return (
        e.clientEntityId === clientEntityId &&
        (!query.organization || e.organization === query.organization) &&
        (!query.kind || e.kind === query.kind) &&
        (!query.patientSnils || e.patientSnils === query.patientSnils) &&
        (!query.registerDateBegin || day >= query.registerDateBegin) &&
        (!query.registerDateEnd || day <= query.registerDateEnd)
      );
    });
  }
}

/** The entry as REMD describes it in answers. */
export function toRegistryItem(entry: RegistryEntry): RegistryItem {
  return {
    emdrId: entry.emdrId,
    localUid: entry.localUid,
    kind: entry.kind,
    organization: entry.organization,
    documentVersion: '1',
    creationDateTime: entry.creationDateTime,
    registrationDate: entry.registeredAt.slice(0, 10),
    registrationDateTime: entry.registeredAt,
    patientSnils: entry.patientSnils,
  };
}
