/**
 * The sandbox's federal registries, loaded from JSON (federal-dataset.json):
 * information systems known to REMD, FRMO organizations, FRMR staff,
 * ГИП patients and the signing rules (NSI 99.2.42). Test data only; tests derive variants from it.
 */
import { readFileSync } from 'node:fs';

export interface FederalSystem {
  /** transportHeader/authInfo/clientEntityId of the system. */
  clientEntityId: string;
  name: string;
  /** DISABLED_RMIS when false. */
  active: boolean;
  /** Where REMD calls the system's getDocumentFile service. */
  documentFileUrl?: string;
  /** Region code (first OID arc after …12.2) of a regional system; RMIS_REGION_MISMATCH for others. */
  region?: string;
  /** Hex serial of the certificate the system signs WS-Security with; IPS identifies it so (egisz.md §1.2). */
  certificateSerialNumber?: string;
  /** The system's `guid` for the IEMK (N3 EmkService); absent: not connected to the IEMK. */
  iemkGuid?: string;
}

export interface FederalOrganization {
  /** FRMO OID, 1.2.643.5.1.13.13.12.2.<region>.<n>. */
  oid: string;
  name: string;
  ogrn?: string;
  /** YYYY-MM-DD. */
  activeFrom: string;
  activeTo: string | null;
  departments: string[];
  /** clientEntityIds allowed to register documents of this organization. */
  boundSystems: string[];
}

export interface StaffCard {
  organization: string;
  /** NSI 1.2.643.5.1.13.13.11.1002 code. */
  positionCode: string;
  beginDate: string;
  endDate: string | null;
}

export interface FederalStaff {
  snils: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate?: string;
  cards: StaffCard[];
}

export interface FederalPatient {
  snils: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate: string;
  gender: 'male' | 'female';
}

export interface RevokedCertificate {
  /** Hex, as in the certificate. */
  serialNumber: string;
  /** ISO 8601. */
  revokedAt: string;
}

/** A rule of the sandbox's NSI 99.2.42: these kinds, signed in this role, by these positions (null: any). */
export interface SandboxSigningRule {
  kinds: string[];
  role: string;
  positions: string[] | null;
  /** YYYY-MM-DD inclusive; `to` exclusive, null: open. */
  from: string;
  to: string | null;
}

export interface FederalDataset {
  systems: FederalSystem[];
  organizations: FederalOrganization[];
  staff: FederalStaff[];
  patients: FederalPatient[];
  /** «РЭМД. Правила подписи ЭМД» as the sandbox's FNSI serves it and its REMD enforces it; absent: not served, not checked. */
  signingRules?: { version: string; rules: SandboxSigningRule[] };
  /** The CAs' revocation lists, as far as the sandbox knows them. */
  revokedCertificates?: RevokedCertificate[];
}

export const defaultDatasetUrl = new URL('./federal-dataset.json', import.meta.url);

export class FederalDatasetError extends Error {
  readonly code = 'SANDBOX_DATASET_INVALID';
}

export function loadFederalDataset(file: string | URL = defaultDatasetUrl): FederalDataset {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FederalDatasetError(`Набор данных песочницы не прочитан: ${(e as Error).message}`);
  }
  return checkDataset(data);
}

/** Shallow shape check: every list present, every entry keyed. */
export function checkDataset(data: unknown): FederalDataset {
  const d = data as Partial<FederalDataset> | null;
  const lists = ['systems', 'organizations', 'staff', 'patients'] as const;
  for (const name of lists) {
    if (!Array.isArray(d?.[name])) throw new FederalDatasetError(`В наборе данных нет списка «${name}»`);
  }
  const dataset = d as FederalDataset;
  if (dataset.systems.some((s) => typeof s.clientEntityId !== 'string')) throw new FederalDatasetError('Система без clientEntityId');
  if (dataset.organizations.some((o) => typeof o.oid !== 'string')) throw new FederalDatasetError('Организация без OID');
  if ([...dataset.staff, ...dataset.patients].some((p) => typeof p.snils !== 'string')) {
    throw new FederalDatasetError('Сотрудник или пациент без СНИЛС');
  }
  return dataset;
}

export const findSystem = (d: FederalDataset, clientEntityId: string) => d.systems.find((s) => s.clientEntityId === clientEntityId);
export const findOrganization = (d: FederalDataset, oid: string) => d.organizations.find((o) => o.oid === oid);
export const findStaff = (d: FederalDataset, snils: string) => d.staff.find((s) => s.snils === snils);
export const findPatient = (d: FederalDataset, snils: string) => d.patients.find((p) => p.snils === snils);

/** Whether a YYYY-MM-DD day lies inside [from, to] (open end when to is null). */
export function activeOn(day: string, from: string, to: string | null): boolean {
  return day >= from && (to === null || day <= to);
}
