/**
 * Reconciliation of a submitted document whose registerDocumentResult never
 * came (lost callback, agent down while REMD called back, or our own resend
 * answered NOT_UNIQUE_PROVIDED_ID): ask REMD's registry. searchRegistryItem
 * finds the localUid, getRegistryItem confirms that registry number holds it
 * → registered with its emdrId; not found → send again (REMD answers
 * NOT_UNIQUE while its own registration is still in progress, and we simply
 * look again later).
 */
import type { Logger } from '../log.ts';
import type { OutboxDocument, OutboxStore } from './outbox-store.ts';
import type { RemdPort } from './remd-port.ts';
import { nextAttemptDelayMs, type BackoffSettings } from './retry-policy.ts';

interface RequestFacts {
  organization?: string;
  kind?: string;
  patient?: { snils?: string };
}

export async function reconcile(
  doc: OutboxDocument, deps: { store: OutboxStore; remd: RemdPort; log: Logger; backoff: BackoffSettings },
): Promise<OutboxDocument | undefined> {
  const { store, remd, log } = deps;
  const facts = JSON.parse(doc.request) as RequestFacts;
  const query = {
    organization: facts.organization, kind: facts.kind ?? doc.kind, patientSnils: facts.patient?.snils,
    registerDateBegin: doc.createdAt.slice(0, 10),
  };
  const later = async (why: string) => {
    log.warn('outbox.reconcile-deferred', { localUid: doc.localUid, why });
    await store.update(doc.localUid, { nextAttemptAt: Date.now() + nextAttemptDelayMs(doc.attempts, Math.random, deps.backoff) });
    return undefined;
  };
  let answer;
  try {
    answer = await remd.searchRegistryItem(query);
  } catch (err) {
    return later(err instanceof Error ? err.message : String(err));
  }
  if (answer.status === 'error') return later(answer.errors.map((e) => e.code).join(','));
  const found = answer.items.find((item) => item.localUid === doc.localUid);
  if (found) {
    let confirmed;
    try {
      confirmed = await remd.getRegistryItem(found.emdrId);
    } catch (err) {
      return later(err instanceof Error ? err.message : String(err));
    }
    if (confirmed.status === 'error') return later(confirmed.errors.map((e) => e.code).join(','));
    if (confirmed.item.localUid !== undefined && confirmed.item.localUid !== doc.localUid) return later(`getRegistryItem ${found.emdrId}: другой localUid`);
    return store.transition(doc.localUid, 'registered', { emdrId: found.emdrId, errors: undefined, nextAttemptAt: undefined }, 'сверка: найден в реестре РЭМД', ['submitted']);
  }
  return store.transition(doc.localUid, 'signed', { nextAttemptAt: undefined }, 'сверка: нет в реестре РЭМД, отправить снова', ['submitted']);
}
