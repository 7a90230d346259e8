/**
 * Operator actions on one document (`egisz-agent outbox retry|cancel`), with
 * the rules that keep them safe:
 *   retry  — a held (rejected), retryable or cancelled document is sent again
 *            now; a submitted one is reconciled now;
 *   cancel — only before REMD accepted it, and never while a send is in flight.
 * A registered document is final.
 */
import type { OutboxDocument, OutboxState, OutboxStore } from './outbox-store.ts';

export type OperationOutcome = { ok: true; document: OutboxDocument } | { ok: false; code: OutboxOperationCode; message: string };

export type OutboxOperationCode = 'OUTBOX_NOT_FOUND' | 'OUTBOX_FINAL' | 'OUTBOX_BUSY' | 'OUTBOX_ALREADY_SUBMITTED';

const messages: Record<OutboxOperationCode, string> = {
  OUTBOX_NOT_FOUND: 'Документа с таким localUid нет в очереди.',
  OUTBOX_FINAL: 'Документ уже зарегистрирован в РЭМД; повторять или отменять нечего.',
  OUTBOX_BUSY: 'Документ сейчас отправляется; повторите через несколько секунд.',
  OUTBOX_ALREADY_SUBMITTED: 'РЭМД уже принял документ: отменить отправку нельзя, дождитесь результата.',
};

const refuse = (code: OutboxOperationCode): OperationOutcome => ({ ok: false, code, message: messages[code] });

export interface OperationDeps {
  store: OutboxStore;
  isBusy: (localUid: string) => boolean;
  kick: () => void;
}

export async function retryDocument(localUid: string, deps: OperationDeps): Promise<OperationOutcome> {
  const doc = await deps.store.get(localUid);
  if (!doc) return refuse('OUTBOX_NOT_FOUND');
  if (doc.state === 'registered') return refuse('OUTBOX_FINAL');
  if (deps.isBusy(localUid)) return refuse('OUTBOX_BUSY');
  const moved = doc.state === 'submitted'
    ? await deps.store.transition(localUid, 'submitted', { nextAttemptAt: Date.now() }, 'оператор: сверить сейчас', ['submitted'])
    : await deps.store.transition(localUid, 'signed', { nextAttemptAt: undefined }, 'оператор: отправить снова', retryable);
  if (!moved) return refuse('OUTBOX_BUSY');
  deps.kick();
  return { ok: true, document: moved };
}

const retryable: readonly OutboxState[] = ['signed', 'failed-retryable', 'rejected', 'cancelled'];

export async function cancelDocument(localUid: string, deps: OperationDeps): Promise<OperationOutcome> {
  const doc = await deps.store.get(localUid);
  if (!doc) return refuse('OUTBOX_NOT_FOUND');
  if (doc.state === 'registered') return refuse('OUTBOX_FINAL');
  if (doc.state === 'submitted') return refuse('OUTBOX_ALREADY_SUBMITTED');
  if (deps.isBusy(localUid)) return refuse('OUTBOX_BUSY');
  if (doc.state === 'cancelled') return { ok: true, document: doc };
  const moved = await deps.store.transition(localUid, 'cancelled', {}, 'оператор: отмена', ['signed', 'failed-retryable', 'rejected']);
  return moved ? { ok: true, document: moved } : refuse('OUTBOX_BUSY');
}
