/**
 * Group commit over the SQLite outbox. With synchronous=FULL every commit
 * waits for an fsync, and each document takes four writes on its way
 * (queued, MessageID, submitted, registered). Writes requested while a
 * commit is pending are applied together (outbox-write-batch.ts), and their
 * promises resolve only after that commit: every caller still gets "durable
 * before I go on", for one fsync per batch instead of one per write.
 *
 * `committer` decides where the batch runs: in this thread (default; the
 * fsync then blocks the event loop) or on the writer thread
 * (outbox-writer-thread.ts), which the agent uses. Reads go straight to the
 * store on this thread: WAL lets them see every committed batch.
 */
import type { NewOutboxDocument, OutboxPatch, OutboxState, OutboxStore } from './outbox-store.ts';
import { applyBatch, rebuildError, type WriteOp, type WriteOutcome } from './outbox-write-batch.ts';
import type { SqliteOutboxStore } from './sqlite-outbox-store.ts';

export type BatchCommitter = (ops: WriteOp[]) => Promise<WriteOutcome[]>;

interface PendingWrite {
  op: WriteOp;
  resolve: (value: never) => void;
  reject: (err: unknown) => void;
}

export class GroupCommitStore implements OutboxStore {
  private readonly reader: SqliteOutboxStore;
  private readonly committer: BatchCommitter;
  private readonly closeCommitter: () => Promise<void> | void;
  private queue: PendingWrite[] = [];
  private committing: Promise<void> | undefined;

  constructor(reader: SqliteOutboxStore, committer?: { commit: BatchCommitter; close(): Promise<void> | void }) {
    this.reader = reader;
    this.committer = committer?.commit ?? (async (ops) => applyBatch(reader, ops));
    this.closeCommitter = committer ? () => committer.close() : () => {};
  }

  add(doc: NewOutboxDocument) {
    return this.write({ method: 'add', args: [doc] }) as Promise<ReturnType<SqliteOutboxStore['add']>>;
  }

  transition(localUid: string, to: OutboxState, patch?: OutboxPatch, detail?: string, from?: readonly OutboxState[]) {
    return this.write({ method: 'transition', args: [localUid, to, patch, detail, from] }) as Promise<ReturnType<SqliteOutboxStore['transition']>>;
  }

  update(localUid: string, patch: OutboxPatch) {
    return this.write({ method: 'update', args: [localUid, patch] }) as Promise<void>;
  }

  purgeBodies(registeredBefore: number, limit?: number) {
    return this.write({ method: 'purgeBodies', args: [registeredBefore, limit] }) as Promise<number>;
  }

  get = (localUid: string) => this.reader.get(localUid);
  status = (localUid: string) => this.reader.status(localUid);
  findByMessageId = (messageId: string) => this.reader.findByMessageId(messageId);
  due = (now: number, limit?: number) => this.reader.due(now, limit);
  overdue = (now: number, limit?: number) => this.reader.overdue(now, limit);
  list: OutboxStore['list'] = (filter) => this.reader.list(filter);
  counts = () => this.reader.counts();
  journal = (localUid: string) => this.reader.journal(localUid);

  /** Commits what is queued, then closes. */
  async close(): Promise<void> {
    while (this.committing || this.queue.length) await (this.committing ?? this.next());
    await this.closeCommitter();
    this.reader.close();
  }

  private write(op: WriteOp): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: never) => void, reject });
      if (!this.committing && this.queue.length === 1) setImmediate(() => void this.next());
    });
  }

  /** Commits the queued writes as one batch; writes that arrive meanwhile form the next batch. */
  private next(): Promise<void> {
    if (this.committing || !this.queue.length) return this.committing ?? Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    this.committing = this.committer(batch.map((w) => w.op)).then(
      (outcomes) => batch.forEach((w, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) w.resolve(outcome.value as never);
        else w.reject(rebuildError(outcome.error));
      }),
      (err: unknown) => batch.forEach((w) => w.reject(err)), // the commit itself failed: nothing is durable
    ).finally(() => {
      this.committing = undefined;
      if (this.queue.length) void this.next();
    });
    return this.committing;
  }
}
