/**
 * Applying REMD's synchronous verdict to the outbox row, compare-and-set from
 * the states a send starts in (a callback that overtook the answer wins):
 * accepted → submitted, reconciliation due after the callback timeout;
 * reconcile → submitted, due soon; retry → failed-retryable after backoff
 * (RATE_LIMIT also pauses all sending); reject → held with its errors.
 */
import type { Logger } from '../log.ts';
import type { OutboxSettings } from './outbox-settings.ts';
import type { OutboxDocument, OutboxState, OutboxStore } from './outbox-store.ts';
import type { Verdict } from './remd-verdict.ts';
import { nextAttemptDelayMs } from './retry-policy.ts';

export const sendable: readonly OutboxState[] = ['signed', 'failed-retryable'];

export async function applyVerdict(
  store: OutboxStore, sent: { localUid: string; attempts: number; messageId: string }, verdict: Verdict,
  deps: { settings: OutboxSettings; log: Logger; pause: (ms: number) => void },
): Promise<OutboxDocument | undefined> {
  const { localUid, attempts, messageId } = sent;
  const now = Date.now();
  const { backoff, callbackTimeoutMs } = deps.settings;
  switch (verdict.action) {
    case 'accepted':
      return store.transition(localUid, 'submitted', { nextAttemptAt: now + callbackTimeoutMs, errors: undefined }, `accepted ${messageId}`, sendable);
    case 'reconcile': {
      const wait = Math.min(callbackTimeoutMs, nextAttemptDelayMs(attempts, Math.random, backoff));
      return store.transition(localUid, 'submitted', { nextAttemptAt: now + wait }, verdict.reason, sendable);
    }
    case 'retry': {
      const delay = nextAttemptDelayMs(attempts, Math.random, backoff);
      if (verdict.rateLimited) deps.pause(delay);
      deps.log.warn('outbox.retry-scheduled', { localUid, delayMs: delay, reason: verdict.reason });
      return store.transition(localUid, 'failed-retryable', { nextAttemptAt: now + delay }, verdict.reason, sendable);
    }
    case 'reject':
      return store.transition(localUid, 'rejected', { errors: JSON.stringify(verdict.errors) }, 'синхронный ответ РЭМД', sendable);
  }
}

/** Runs tasks with at most `width` at once; stops taking new ones when `halt()` says so. */
export async function runPool(tasks: (() => Promise<void>)[], width: number, halt: () => boolean): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length && !halt()) {
      const task = tasks[next++]!;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, lane));
}
