/**
 * Authentication of workstations at the gateway: each workstation has an id
 * and a shared secret (32+ random bytes, hex) listed in the gateway's config.
 * A request carries
 *   Authorization: EGISZ-HMAC id=<workstation>, ts=<epoch ms>, sig=<hex>
 * where sig = HMAC-SHA256(secret, METHOD \n PATH \n ts \n SHA-256(body) hex).
 * The secret never crosses the wire, a signature is bound to its body and
 * path, and a stale timestamp (±5 min) is refused. A replay inside that
 * window can only repeat an idempotent call (queuing is keyed by localUid).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface WorkstationCredential {
  id: string;
  secret: string;
}

export const AUTH_SCHEME = 'EGISZ-HMAC';
const MAX_SKEW_MS = 5 * 60_000;

function signature(secret: string, method: string, path: string, ts: string, body: string | Uint8Array): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret).update(`${method.toUpperCase()}\n${path}\n${ts}\n${bodyHash}`).digest('hex');
}

export function authorizationHeader(cred: WorkstationCredential, method: string, path: string, body: string | Uint8Array, now = Date.now()): string {
  const ts = String(now);
  return `${AUTH_SCHEME} id=${cred.id}, ts=${ts}, sig=${signature(cred.secret, method, path, ts, body)}`;
}

export type AuthResult = { ok: true; workstationId: string } | { ok: false; reason: string };

export function verifyAuthorization(
  header: string | undefined, request: { method: string; path: string; body: string | Uint8Array },
  workstations: readonly WorkstationCredential[], now = Date.now(),
): AuthResult {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return { ok: false, reason: 'no credentials' };
  const fields = Object.fromEntries(header.slice(AUTH_SCHEME.length + 1).split(',').map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  }));
  const cred = workstations.find((w) => w.id === fields.id);
  if (!cred || !fields.ts || !fields.sig) return { ok: false, reason: 'unknown workstation' };
  if (!(Math.abs(now - Number(fields.ts)) <= MAX_SKEW_MS)) return { ok: false, reason: 'stale timestamp' };
  const expected = Buffer.from(signature(cred.secret, request.method, request.path, fields.ts, request.body), 'hex');
  const given = Buffer.from(String(fields.sig), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, workstationId: cred.id };
}
