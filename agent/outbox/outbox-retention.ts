/**
 * The retention policy (config outbox.retentionDays): the SEMD and the
 * signatures of a registered document are REMD's to keep once it holds them;
 * the gateway drops its copies N days after registration, keeping the row,
 * the emdrId, the metadata and the journal. Runs at start and every hour;
 * `egisz-agent outbox purge` runs it on demand.
 */
import type { Logger } from '../log.ts';
import type { OutboxStore } from './outbox-store.ts';

const DAY_MS = 86_400_000;
const EVERY_MS = 3_600_000;

/** Purges in batches until nothing is left that is older than `days`; answers how many documents. */
export async function purgeRegisteredBodies(store: OutboxStore, days: number, now = Date.now()): Promise<number> {
  let total = 0;
  for (;;) {
    const purged = await store.purgeBodies(now - days * DAY_MS);
    if (!purged) return total;
    total += purged;
  }
}

export function startRetention(store: OutboxStore, days: number, log: Logger): { stop(): void } {
  const run = () => purgeRegisteredBodies(store, days).then(
    (purged) => purged && log.info('outbox.retention', { purged, days }),
    (err: unknown) => log.error('outbox.retention-failed', { error: String(err) }),
  );
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
