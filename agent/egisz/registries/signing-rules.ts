/**
 * NSI 1.2.643.5.1.13.13.99.2.42 «РЭМД. Правила подписи ЭМД»: which position
 * (NSI 1002) may sign which document kind (NSI 1520) in which signer role
 * (NSI 1.2.643.5.1.13.13.99.2.368), on which dates. Pre-flight reads the copy
 * the agent downloaded from FNSI; the sandbox serves and enforces its own.
 *
 * The dictionary is not in the project's reference data, so the column names
 * below are reconstructed [?]: this is the one place to correct them once a
 * real FNSI export is at hand. Dates are dd.mm.yyyy, as FNSI writes them.
 */
import { fnsiDay, type NsiRow } from './fnsi-client.ts';

export const SIGNING_RULES_OID = '1.2.643.5.1.13.13.99.2.42';

/** Row field → FNSI column name [?]. An empty POSITION means any position. */
export const SIGNING_RULES_COLUMNS = {
  id: 'ID', // [?]
  kind: 'DOC_KIND', // [?] NSI 1520 ID
  role: 'ROLE', // [?] NSI 99.2.368 code, e.g. DOCTOR
  position: 'POSITION', // [?] NSI 1002 ID
  startDate: 'START_DATE', // [?]
  endDate: 'END_DATE', // [?] exclusive, as in NSI 1520
} as const;

export interface SigningRule {
  kind: string;
  role: string;
  /** undefined: any position. */
  position?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, exclusive. */
  to?: string;
}

export function readSigningRules(rows: readonly NsiRow[]): SigningRule[] {
  const c = SIGNING_RULES_COLUMNS;
  return rows.flatMap((row) => {
    const kind = row[c.kind], role = row[c.role];
    if (!kind || !role) return [];
    const position = row[c.position] || undefined;
    const from = fnsiDay(row[c.startDate]), to = fnsiDay(row[c.endDate]);
    return [{ kind, role, ...(position ? { position } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }];
  });
}

export type SignerVerdict =
  /** The dictionary says nothing about this kind: not judged. */
  | { verdict: 'not-covered' }
  | { verdict: 'allowed' }
  /** NO_ROLE_POLICY_ON_DATE: no rule for the kind in this role on the day. */
  | { verdict: 'no-role-on-date' }
  /** POSITION_TO_ROLE_MISMATCH: rules exist on the day, none for this position. */
  | { verdict: 'position-mismatch'; allowed: string[] };

export interface Signer {
  kind: string;
  role: string;
  /** NSI 1002 code; without one only the role is judged. */
  position?: string;
  /** YYYY-MM-DD. */
  day: string;
}

export function judgeSigner(rules: readonly SigningRule[], s: Signer): SignerVerdict {
  const forKind = rules.filter((r) => r.kind === s.kind);
  if (!forKind.length) return { verdict: 'not-covered' };
  const onDay = forKind.filter((r) => r.role === s.role && (!r.from || r.from <= s.day) && (!r.to || s.day < r.to));
  if (!onDay.length) return { verdict: 'no-role-on-date' };
  if (!s.position || onDay.some((r) => !r.position || r.position === s.position)) return { verdict: 'allowed' };
  return { verdict: 'position-mismatch', allowed: [...new Set(onDay.map((r) => r.position!))] };
}
