/**
 * The outbox's writer thread: it owns the writing SQLite connection, so the
 * fsync of each commit (synchronous=FULL) blocks this thread instead of the
 * agent's event loop, which meanwhile serves REMD's callbacks and file
 * fetches and queues the next batch. `startOutboxWriter` runs on the main
 * thread; the bottom half of this file runs inside the worker.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { applyBatch, type WriteOp, type WriteOutcome } from './outbox-write-batch.ts';
import { SqliteOutboxStore, type BodyProtection } from './sqlite-outbox-store.ts';

export interface OutboxWriter {
  commit(ops: WriteOp[]): Promise<WriteOutcome[]>;
  close(): Promise<void>;
}

export function startOutboxWriter(file: string, bodies: BodyProtection = {}): OutboxWriter {
  const worker = new Worker(new URL(import.meta.url), { workerData: { file, bodies } });
  const waiting = new Map<number, { resolve: (o: WriteOutcome[]) => void; reject: (e: unknown) => void }>();
  let seq = 0;
  let dead: Error | undefined;
  const failAll = (err: unknown) => {
    dead ??= err instanceof Error ? err : new Error(String(err));
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (msg: { id: number; outcomes?: WriteOutcome[]; error?: string }) => {
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.outcomes) w?.resolve(msg.outcomes);
    else w?.reject(new Error(`outbox writer: ${msg.error}`));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`outbox writer exited (${code})`)));
  return {
    commit: (ops) => new Promise((resolve, reject) => {
      if (dead) return reject(dead); // nothing can be made durable any more: callers see the failure, never a hang
      const id = ++seq;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ops });
    }),
    close: async () => {
      if (dead) return;
      worker.postMessage({ close: true });
      await new Promise((done) => worker.once('exit', done));
    },
  };
}

if (!isMainThread && parentPort && (workerData as { file?: string } | undefined)?.file) {
  const { file, bodies } = workerData as { file: string; bodies?: BodyProtection };
  const store = new SqliteOutboxStore(file, bodies);
  const port = parentPort;
  port.on('message', (msg: { id: number; ops: WriteOp[] } | { close: true }) => {
    if ('close' in msg) {
      store.close();
      return void port.close();
    }
    try {
      port.postMessage({ id: msg.id, outcomes: applyBatch(store, msg.ops) });
    } catch (err) {
      port.postMessage({ id: msg.id, error: (err as Error).message });
    }
  });
}
