/**
 * Group commit over the SQLite outbox. With synchronous=FULL every commit
 * waits for an fsync (≈5 ms on this machine's disk), and each document
 * takes four writes on its way (queued, MessageID, submitted, registered).
 * Writes requested in the same turn of the event loop are applied in one
 * transaction, each in its own savepoint, and their promises resolve only
 * after that commit: every caller still gets "durable before I go on", for
 * one fsync per batch instead of one per write. Reads go straight through.
 */
import type { NewOutboxDocument, OutboxPatch, OutboxState, OutboxStore } from './outbox-store.ts';
import type { SqliteOutboxStore } from './sqlite-outbox-store.ts';

interface PendingWrite {
  run: () => unknown;
  resolve: (value: never) => void;
  reject: (err: unknown) => void;
}

export class GroupCommitStore implements OutboxStore {
  private readonly inner: SqliteOutboxStore;
  private queue: PendingWrite[] = [];

  constructor(inner: SqliteOutboxStore) {
    this.inner = inner;
  }

  add(doc: NewOutboxDocument) {
    return this.write(() => this.inner.add(doc));
  }

  transition(localUid: string, to: OutboxState, patch?: OutboxPatch, detail?: string, from?: readonly OutboxState[]) {
    return this.write(() => this.inner.transition(localUid, to, patch, detail, from));
  }

  update(localUid: string, patch: OutboxPatch) {
    return this.write(() => this.inner.update(localUid, patch));
  }

  get = (localUid: string) => this.inner.get(localUid);
  findByMessageId = (messageId: string) => this.inner.findByMessageId(messageId);
  due = (now: number, limit?: number) => this.inner.due(now, limit);
  overdue = (now: number, limit?: number) => this.inner.overdue(now, limit);
  list: OutboxStore['list'] = (filter) => this.inner.list(filter);
  counts = () => this.inner.counts();
  journal = (localUid: string) => this.inner.journal(localUid);

  close(): void {
    this.flush();
    this.inner.close();
  }

  private write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: never) => void, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue;
    if (!batch.length) return;
    this.queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.inner.atomically(() => {
        for (const op of batch) {
          try {
            outcomes.push({ ok: true, value: this.inner.atomically(op.run) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      return batch.forEach((op) => op.reject(error)); // the commit itself failed: nothing is durable
    }
    batch.forEach((op, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) op.resolve(outcome.value as never);
      else op.reject(outcome.error);
    });
  }
}
