/**
 * OutboxStore on SQLite (better-sqlite3): WAL mode with synchronous=FULL, so
 * a committed transition survives a crash or power loss.
 */
import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import type { JournalEntry, OutboxDocument, OutboxPatch, OutboxState, OutboxStore } from './outbox-store.ts';

const schema = `
CREATE TABLE IF NOT EXISTS documents (
  local_uid TEXT PRIMARY KEY, client_id TEXT NOT NULL, job_id TEXT NOT NULL, kind TEXT NOT NULL,
  state TEXT NOT NULL, semd BLOB NOT NULL, signature BLOB NOT NULL, request TEXT NOT NULL,
  message_id TEXT, emdr_id TEXT, errors TEXT, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_state ON documents(state);
CREATE INDEX IF NOT EXISTS documents_message ON documents(message_id);
CREATE TABLE IF NOT EXISTS journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, local_uid TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,
  at TEXT NOT NULL, detail TEXT);`;

type Row = Record<string, unknown>;

const columnOf: Record<keyof OutboxPatch, string> = {
  messageId: 'message_id', emdrId: 'emdr_id', errors: 'errors', attempts: 'attempts', nextAttemptAt: 'next_attempt_at',
};

export class SqliteOutboxStore implements OutboxStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(schema);
  }

  add(doc: Omit<OutboxDocument, 'state' | 'attempts' | 'createdAt' | 'updatedAt'>): OutboxDocument {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO documents (local_uid, client_id, job_id, kind, state, semd, signature, request, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'signed', ?, ?, ?, ?, ?)`)
        .run(doc.localUid, doc.clientId, doc.jobId, doc.kind, Buffer.from(doc.semd), Buffer.from(doc.signature), doc.request, now, now);
      this.journalize(doc.localUid, null, 'signed', now);
    })();
    return this.get(doc.localUid)!;
  }

  get(localUid: string): OutboxDocument | undefined {
    const row = this.db.prepare('SELECT * FROM documents WHERE local_uid = ?').get(localUid) as Row | undefined;
    return row && toDocument(row);
  }

  findByMessageId(messageId: string): OutboxDocument | undefined {
    const row = this.db.prepare('SELECT * FROM documents WHERE message_id = ?').get(messageId) as Row | undefined;
    return row && toDocument(row);
  }

  transition(localUid: string, to: OutboxState, patch: OutboxPatch = {}, detail?: string): OutboxDocument {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const current = this.get(localUid);
      if (!current) throw new Error(`outbox: no document ${localUid}`);
      this.db.prepare('UPDATE documents SET state = ?, updated_at = ? WHERE local_uid = ?').run(to, now, localUid);
      this.update(localUid, patch);
      this.journalize(localUid, current.state, to, now, detail);
    })();
    return this.get(localUid)!;
  }

  update(localUid: string, patch: OutboxPatch): void {
    for (const [key, value] of Object.entries(patch) as [keyof OutboxPatch, unknown][]) {
      this.db.prepare(`UPDATE documents SET ${columnOf[key]} = ? WHERE local_uid = ?`).run(value ?? null, localUid);
    }
  }

  due(now: number): OutboxDocument[] {
    const rows = this.db.prepare(`SELECT * FROM documents WHERE state = 'signed'
      OR (state = 'failed-retryable' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) ORDER BY created_at`).all(now) as Row[];
    return rows.map(toDocument);
  }

  list(filter: { state?: OutboxState; limit?: number } = {}): OutboxDocument[] {
    const rows = filter.state
      ? this.db.prepare('SELECT * FROM documents WHERE state = ? ORDER BY created_at DESC LIMIT ?').all(filter.state, filter.limit ?? 100)
      : this.db.prepare('SELECT * FROM documents ORDER BY created_at DESC LIMIT ?').all(filter.limit ?? 100);
    return (rows as Row[]).map(toDocument);
  }

  journal(localUid: string): JournalEntry[] {
    const rows = this.db.prepare('SELECT * FROM journal WHERE local_uid = ? ORDER BY seq').all(localUid) as Row[];
    return rows.map((r) => ({
      localUid: String(r.local_uid), from: (r.from_state as OutboxState | null) ?? null, to: r.to_state as OutboxState,
      at: String(r.at), detail: (r.detail as string | null) ?? undefined,
    }));
  }

  close(): void {
    this.db.close();
  }

  private journalize(localUid: string, from: OutboxState | null, to: OutboxState, at: string, detail?: string): void {
    this.db.prepare('INSERT INTO journal (local_uid, from_state, to_state, at, detail) VALUES (?, ?, ?, ?, ?)')
      .run(localUid, from, to, at, detail ?? null);
  }
}

function toDocument(r: Row): OutboxDocument {
  const opt = <T>(v: unknown) => (v === null || v === undefined ? undefined : (v as T));
  return {
    localUid: String(r.local_uid), clientId: String(r.client_id), jobId: String(r.job_id), kind: String(r.kind),
    state: r.state as OutboxState, semd: new Uint8Array(r.semd as Buffer), signature: new Uint8Array(r.signature as Buffer),
    request: String(r.request), messageId: opt<string>(r.message_id), emdrId: opt<string>(r.emdr_id), errors: opt<string>(r.errors),
    attempts: Number(r.attempts), nextAttemptAt: opt<number>(r.next_attempt_at),
    createdAt: String(r.created_at), updatedAt: String(r.updated_at),
  };
}
