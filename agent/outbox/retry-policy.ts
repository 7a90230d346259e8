/**
 * Which failures are worth another try, and when. Retrying a validation
 * error only repeats the rejection; retrying a rate limit or an outage is
 * what eventually gets the document through.
 */
const retriableRemdCodes = new Set([
  'RATE_LIMIT', 'INTERNAL_ERROR', 'MIS_NOT_AVAILABLE', 'MIS_ERROR', 'RMIS_ERROR', 'GET_DOCUMENT_FILE_ERROR', 'FILE_WAS_NOT_SENT',
  'SERVICE_UNAVAILABLE', 'TIMEOUT',
]);

export function isRetriableRemdCode(code: string): boolean {
  return retriableRemdCodes.has(code);
}

export interface BackoffSettings {
  /** The ceiling of the first pause, ms (doubles per attempt). */
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffSettings = { baseMs: 2_000, capMs: 300_000 };

/** Exponential backoff with jitter in [half, full] of the ceiling: 2 s, 4 s, … capped at 5 minutes. */
export function nextAttemptDelayMs(attempt: number, random: () => number = Math.random, backoff: BackoffSettings = defaultBackoff): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
