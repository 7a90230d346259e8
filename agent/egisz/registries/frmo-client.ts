/**
 * ФРМО (федеральный реестр медицинских организаций): an organization by OID,
 * its departments, whether it is in force, and the information systems it is
 * bound to. The federal FRMO is reached asynchronously through IPS
 * (egisz.md §4.3) and its copy is NSI 1.2.643.5.1.13.13.11.1461; this client
 * speaks the synchronous REST shape a regional gateway or our sandbox offers:
 * `GET /organization?oid=` → `{content: FrmoOrganization}`, field names as in
 * the 1461 export (oid, nameFull, deleteDate…).
 */
import type { Cached } from './registry-cache.ts';
import { cachedContent, type RegistryClientOptions } from './registry-lookup.ts';

export interface FrmoDepartment {
  oid: string;
  name?: string;
  createDate?: string;
  deleteDate?: string | null;
}

export interface FrmoOrganization {
  oid: string;
  nameFull: string;
  ogrn?: string;
  /** YYYY-MM-DD: in force from (inclusive). */
  createDate?: string;
  /** YYYY-MM-DD: closed from; null while in force. */
  deleteDate?: string | null;
  departments: FrmoDepartment[];
  /** clientEntityIds of the RMIS/MIS allowed to register this organization's documents. */
  rmisBindings: string[];
}

/** Default maxAgeMs 24 h. */
export type FrmoOptions = RegistryClientOptions;

export class FrmoClient {
  private readonly opts: FrmoOptions;

  constructor(opts: FrmoOptions) {
    this.opts = opts;
  }

  organization(oid: string): Promise<Cached<FrmoOrganization>> {
    return cachedContent(this.opts, {
      registry: 'ФРМО', space: 'frmo', key: oid, defaultMaxAgeMs: 24 * 3600_000, path: '/organization', query: { oid }, scheme: 'Bearer',
    });
  }
}

/** In force on a day: created by then and not yet deleted. */
export function inForceOn(entry: { createDate?: string; deleteDate?: string | null }, day: string): boolean {
  return (!entry.createDate || entry.createDate <= day) && (!entry.deleteDate || entry.deleteDate > day);
}
