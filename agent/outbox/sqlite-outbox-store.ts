/**
 * OutboxStore on SQLite (better-sqlite3): WAL mode with synchronous=FULL, so
 * a committed transition survives a crash or power loss. Answers are plain
 * values (SQLite is synchronous); callers await them through the interface.
 */
import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import {
  OutboxDuplicateError, type JournalEntry, type NewOutboxDocument, type OutboxDocument, type OutboxFilter,
  type OutboxPatch, type OutboxState, type OutboxStore,
} from './outbox-store.ts';

const schema = `
CREATE TABLE IF NOT EXISTS documents (
  local_uid TEXT PRIMARY KEY, client_id TEXT NOT NULL, job_id TEXT NOT NULL, kind TEXT NOT NULL,
  state TEXT NOT NULL, semd BLOB NOT NULL, signature BLOB NOT NULL, request TEXT NOT NULL,
  message_id TEXT, emdr_id TEXT, errors TEXT, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_state ON documents(state, next_attempt_at);
CREATE INDEX IF NOT EXISTS documents_message ON documents(message_id);
CREATE INDEX IF NOT EXISTS documents_job ON documents(job_id);
CREATE TABLE IF NOT EXISTS journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, local_uid TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,
  at TEXT NOT NULL, detail TEXT);
CREATE INDEX IF NOT EXISTS journal_document ON journal(local_uid);`;

type Row = Record<string, unknown>;

const columnOf: Record<keyof OutboxPatch, string> = {
  messageId: 'message_id', emdrId: 'emdr_id', errors: 'errors', attempts: 'attempts', nextAttemptAt: 'next_attempt_at',
};

export class SqliteOutboxStore implements OutboxStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
  }

  add(doc: NewOutboxDocument): OutboxDocument {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      if (this.get(doc.localUid)) throw new OutboxDuplicateError(doc.localUid);
      this.sql(`INSERT INTO documents (local_uid, client_id, job_id, kind, state, semd, signature, request, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'signed', ?, ?, ?, ?, ?)`)
        .run(doc.localUid, doc.clientId, doc.jobId, doc.kind, Buffer.from(doc.semd), Buffer.from(doc.signature), doc.request, now, now);
      this.journalize(doc.localUid, null, 'signed', now);
    })();
    return this.get(doc.localUid)!;
  }

  get(localUid: string): OutboxDocument | undefined {
    const row = this.sql('SELECT * FROM documents WHERE local_uid = ?').get(localUid) as Row | undefined;
    return row && toDocument(row);
  }

  findByMessageId(messageId: string): OutboxDocument | undefined {
    const row = this.sql('SELECT * FROM documents WHERE message_id = ?').get(messageId) as Row | undefined;
    return row && toDocument(row);
  }

  transition(localUid: string, to: OutboxState, patch: OutboxPatch = {}, detail?: string, from?: readonly OutboxState[]): OutboxDocument | undefined {
    const now = new Date().toISOString();
    const moved = this.db.transaction(() => {
      const current = this.sql('SELECT state FROM documents WHERE local_uid = ?').get(localUid) as { state: OutboxState } | undefined;
      if (!current) throw new Error(`outbox: no document ${localUid}`);
      if (from && !from.includes(current.state)) return false;
      this.sql('UPDATE documents SET state = ?, updated_at = ? WHERE local_uid = ?').run(to, now, localUid);
      this.update(localUid, patch);
      this.journalize(localUid, current.state, to, now, detail);
      return true;
    })();
    return moved ? this.get(localUid) : undefined;
  }

  update(localUid: string, patch: OutboxPatch): void {
    const keys = Object.keys(patch) as (keyof OutboxPatch)[];
    if (!keys.length) return;
    const sets = keys.map((k) => `${columnOf[k]} = ?`).join(', ');
    this.sql(`UPDATE documents SET ${sets} WHERE local_uid = ?`).run(...keys.map((k) => patch[k] ?? null), localUid);
  }

  due(now: number, limit = 100): OutboxDocument[] {
    const rows = this.sql(`SELECT * FROM documents WHERE state = 'signed'
      OR (state = 'failed-retryable' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) ORDER BY created_at LIMIT ?`).all(now, limit) as Row[];
    return rows.map(toDocument);
  }

  overdue(now: number, limit = 100): OutboxDocument[] {
    const rows = this.sql(`SELECT * FROM documents WHERE state = 'submitted'
      AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY next_attempt_at LIMIT ?`).all(now, limit) as Row[];
    return rows.map(toDocument);
  }

  list(filter: OutboxFilter = {}): OutboxDocument[] {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [key, column] of [['state', 'state'], ['clientId', 'client_id'], ['jobId', 'job_id']] as const) {
      if (filter[key] === undefined) continue;
      where.push(`${column} = ?`);
      args.push(filter[key]);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.sql(`SELECT * FROM documents ${clause} ORDER BY created_at DESC LIMIT ?`).all(...args, filter.limit ?? 100);
    return (rows as Row[]).map(toDocument);
  }

  counts(): Partial<Record<OutboxState, number>> {
    const rows = this.sql('SELECT state, COUNT(*) AS n FROM documents GROUP BY state').all() as { state: OutboxState; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  journal(localUid: string): JournalEntry[] {
    const rows = this.sql('SELECT * FROM journal WHERE local_uid = ? ORDER BY seq').all(localUid) as Row[];
    return rows.map((r) => ({
      localUid: String(r.local_uid), from: (r.from_state as OutboxState | null) ?? null, to: r.to_state as OutboxState,
      at: String(r.at), detail: (r.detail as string | null) ?? undefined,
    }));
  }

  close(): void {
    this.db.close();
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  private journalize(localUid: string, from: OutboxState | null, to: OutboxState, at: string, detail?: string): void {
    this.sql('INSERT INTO journal (local_uid, from_state, to_state, at, detail) VALUES (?, ?, ?, ?, ?)')
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
