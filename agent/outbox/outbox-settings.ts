/** How the outbox paces itself; `outbox` in config.json overrides any of these. */
import { defaultBackoff, type BackoffSettings } from './retry-policy.ts';

export interface OutboxSettings {
  /** registerDocument calls in flight at once. */
  concurrency: number;
  /** How often due retries and overdue callbacks are looked for, ms. */
  pollMs: number;
  /** A submitted document whose callback has not come after this long is reconciled, ms. */
  callbackTimeoutMs: number;
  backoff: BackoffSettings;
  /** Seal the SEMD, the signatures and the request at rest (AES-256-GCM, <data-dir>/outbox.key). */
  encryptBodies?: boolean;
  /** Days after registration the SEMD and signature bodies are kept; absent: kept for good. */
  retentionDays?: number;
}

export const defaultOutboxSettings: OutboxSettings = {
  concurrency: 4, pollMs: 1_000, callbackTimeoutMs: 10 * 60_000, backoff: defaultBackoff, encryptBodies: false,
};

/** Reads `{concurrency?, pollMs?, callbackTimeoutMs?, retryBaseMs?, retryCapMs?, encryptBodies?, retentionDays?}`; throws on nonsense. */
export function parseOutboxSettings(raw: unknown, where: string): OutboxSettings {
  if (raw === undefined) return defaultOutboxSettings;
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where}: "outbox" must be an object`);
  const input = raw as Record<string, unknown>;
  const num = (key: string, fallback: number, min: number) => {
    const v = input[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new Error(`${where}: outbox.${key} must be a number ≥ ${min}`);
    return v;
  };
  const d = defaultOutboxSettings;
  return {
    concurrency: Math.floor(num('concurrency', d.concurrency, 1)),
    pollMs: num('pollMs', d.pollMs, 10),
    callbackTimeoutMs: num('callbackTimeoutMs', d.callbackTimeoutMs, 100),
    backoff: { baseMs: num('retryBaseMs', d.backoff.baseMs, 1), capMs: num('retryCapMs', d.backoff.capMs, 1) },
    encryptBodies: flag(input.encryptBodies, `${where}: outbox.encryptBodies`),
    ...(input.retentionDays !== undefined ? { retentionDays: num('retentionDays', 0, 0) } : {}),
  };
}

function flag(v: unknown, what: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new Error(`${what} must be true or false`);
  return v;
}
