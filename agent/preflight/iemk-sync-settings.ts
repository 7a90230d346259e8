/**
 * config.json "iemkSync": the automatic IEMK sync's settings a clinic may
 * change. Today one: how long a visit waits after its newest document before
 * it goes as a step (`visitSettleMs`), so that what the doctor writes right
 * after the consultation joins its step. Absent: 10 minutes (5 s when the
 * agent talks to its own demo sandbox).
 */
import type { IemkAutoSyncSettings } from './iemk-auto-sync.ts';

export const IEMK_SYNC_CONFIG_INVALID = 'CONFIG_IEMK_SYNC_INVALID';

/** A day: a visit held back longer would keep the case's later visits from the IEMK as long. */
const MAX_SETTLE_MS = 24 * 3600_000;

/** Reads `{visitSettleMs?}`; answers the Russian reason (with its code) for a value that makes no sense. */
export function parseIemkSyncSettings(raw: unknown): Partial<IemkAutoSyncSettings> | { problem: string } {
  if (raw === undefined) return {};
  const problem = (what: string) => ({ problem: `${IEMK_SYNC_CONFIG_INVALID}: ${what}` });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return problem('«iemkSync» — объект вида {"visitSettleMs": 600000}');
  const { visitSettleMs, ...unknown } = raw as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length) return problem(`в «iemkSync» неизвестные параметры: ${extra.join(', ')} (допустим только visitSettleMs)`);
  if (visitSettleMs === undefined) return {};
  if (typeof visitSettleMs !== 'number' || !Number.isInteger(visitSettleMs) || visitSettleMs < 0 || visitSettleMs > MAX_SETTLE_MS) {
    return problem(`«iemkSync.visitSettleMs» — сколько ждать после последнего документа посещения перед отправкой в ИЭМК, в миллисекундах: целое число от 0 до ${MAX_SETTLE_MS} (сутки), например 600000 — 10 минут`);
  }
  return { visitSettleMs };
}
