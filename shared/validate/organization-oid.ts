/**
 * OIDs that FRMO (the federal register of medical organizations) assigns:
 * an organization 1.2.643.5.1.13.13.12.2.<region>.<n>, its departments below it.
 */

export const FRMO_ROOT = '1.2.643.5.1.13.13.12.2';

/** Arcs are numbers without leading zeros. */
const ARC = '(0|[1-9]\\d*)';
const ORGANIZATION_OID = new RegExp(`^${FRMO_ROOT.replace(/\./g, '\\.')}\\.([1-9]\\d?)\\.${ARC}$`);

/** True for 1.2.643.5.1.13.13.12.2.<region 1–99>.<n>. */
export function isOrganizationOid(oid: string): boolean {
  return ORGANIZATION_OID.test(oid);
}

/** The region code (subject of the Federation, NSI 99.2.206) of an organization OID. */
export function organizationRegion(oid: string): string | undefined {
  return ORGANIZATION_OID.exec(oid)?.[1];
}

/** True when a department OID lies under its organization's OID. */
export function isDepartmentOf(departmentOid: string, organizationOid: string): boolean {
  const rest = departmentOid.startsWith(`${organizationOid}.`) ? departmentOid.slice(organizationOid.length + 1) : '';
  return new RegExp(`^${ARC}(\\.${ARC})*$`).test(rest);
}
