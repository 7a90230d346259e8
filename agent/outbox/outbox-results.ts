/**
 * Applies registerDocumentResult to the outbox. A success is the truth
 * whatever the row says (the callback may overtake the synchronous answer,
 * or arrive after a crash left the row at "signed"). An error counts only
 * for the message we sent last: an error about an older attempt is stale.
 */
import type { Logger } from '../log.ts';
import type { OutboxDocument, OutboxState, OutboxStore } from './outbox-store.ts';
import type { RemdResult } from './remd-port.ts';
import { withPaths } from './remd-verdict.ts';
import { isRetriableRemdCode, nextAttemptDelayMs, type BackoffSettings } from './retry-policy.ts';

const waiting: readonly OutboxState[] = ['signed', 'submitted', 'failed-retryable'];
const notRegistered: readonly OutboxState[] = ['signed', 'submitted', 'failed-retryable', 'rejected', 'cancelled'];

export async function applyRemdResult(
  store: OutboxStore, result: RemdResult, log: Logger, backoff: BackoffSettings,
): Promise<OutboxDocument | undefined> {
  const byMessage = result.relatesToMessage ? await store.findByMessageId(result.relatesToMessage) : undefined;
  const doc = byMessage ?? (result.localUid ? await store.get(result.localUid) : undefined);
  if (!doc) {
    log.warn('outbox.result-unmatched', { relatesToMessage: result.relatesToMessage, localUid: result.localUid });
    return undefined;
  }
  if (result.status === 'success' && result.emdrId) {
    return store.transition(doc.localUid, 'registered', { emdrId: result.emdrId, errors: undefined, nextAttemptAt: undefined }, 'registerDocumentResult', notRegistered);
  }
  if (result.relatesToMessage && doc.messageId !== result.relatesToMessage) {
    log.info('outbox.result-stale', { localUid: doc.localUid, relatesToMessage: result.relatesToMessage });
    return undefined;
  }
  const errors = result.errors ?? [];
  if (errors.length && errors.every((e) => isRetriableRemdCode(e.code))) {
    const codes = errors.map((e) => e.code).join(',');
    const nextAttemptAt = Date.now() + nextAttemptDelayMs(doc.attempts, Math.random, backoff);
    return store.transition(doc.localUid, 'failed-retryable', { nextAttemptAt }, `registerDocumentResult: ${codes}`, waiting);
  }
  return store.transition(doc.localUid, 'rejected', { errors: JSON.stringify(withPaths(errors, doc.kind)) }, 'registerDocumentResult', waiting);
}
