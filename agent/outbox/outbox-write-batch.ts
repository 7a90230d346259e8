/**
 * Outbox writes as data, and how a batch of them is applied: one
 * transaction, one savepoint per write, so a failing write (a duplicate
 * localUid, an unknown document) rolls back alone while the rest commit
 * together with one fsync. Used in-thread (group-commit-store.ts) and by the
 * writer thread (outbox-writer-thread.ts).
 */
import { OutboxDuplicateError, type NewOutboxDocument, type OutboxPatch, type OutboxState } from './outbox-store.ts';
import type { SqliteOutboxStore } from './sqlite-outbox-store.ts';

export type WriteOp =
  | { method: 'add'; args: [NewOutboxDocument] }
  | { method: 'transition'; args: [string, OutboxState, OutboxPatch?, string?, (readonly OutboxState[])?] }
  | { method: 'update'; args: [string, OutboxPatch] }
  | { method: 'purgeBodies'; args: [number, number?] };

/** What crosses back: a value, or an error that can be rebuilt on the other side of a thread. */
export type WriteOutcome = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string; localUid?: string } };

export function applyBatch(store: SqliteOutboxStore, ops: readonly WriteOp[]): WriteOutcome[] {
  const outcomes: WriteOutcome[] = [];
  store.atomically(() => {
    for (const op of ops) {
      try {
        outcomes.push({ ok: true, value: store.atomically(() => apply(store, op)) });
      } catch (err) {
        const e = err as Error & { localUid?: string };
        outcomes.push({ ok: false, error: { name: e.name, message: e.message, localUid: e.localUid } });
      }
    }
  });
  return outcomes;
}

function apply(store: SqliteOutboxStore, op: WriteOp): unknown {
  switch (op.method) {
    case 'add':
      return store.add(...op.args);
    case 'transition':
      return store.transition(...op.args);
    case 'update':
      return store.update(...op.args);
    case 'purgeBodies':
      return store.purgeBodies(...op.args);
  }
}

export function rebuildError(error: { name: string; message: string; localUid?: string }): Error {
  if (error.name === 'OutboxDuplicateError' && error.localUid) return new OutboxDuplicateError(error.localUid);
  return Object.assign(new Error(error.message), { name: error.name });
}
