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
}

export const defaultOutboxSettings: OutboxSettings = {
  concurrency: 4, pollMs: 1_000, callbackTimeoutMs: 10 * 60_000, backoff: defaultBackoff,
};

/** Reads `{concurrency?, pollMs?, callbackTimeoutMs?, retryBaseMs?, retryCapMs?}`; throws on nonsense. */
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
  };
}
