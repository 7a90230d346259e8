/**
 * Which failures are worth another try, and when. Retrying a validation
 * error only repeats the rejection; retrying a rate limit or an outage is
 * what eventually gets the document through.
 */
const retriableRemdCodes = new Set([
  'RATE_LIMIT', 'INTERNAL_ERROR', 'MIS_NOT_AVAILABLE', 'MIS_ERROR', 'RMIS_ERROR', 'GET_DOCUMENT_FILE_ERROR', 'FILE_WAS_NOT_SENT',
]);

export function isRetriableRemdCode(code: string): boolean {
  return retriableRemdCodes.has(code);
}

/** Exponential backoff with full jitter: 2 s, 4 s, … capped at 5 minutes. */
export function nextAttemptDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
