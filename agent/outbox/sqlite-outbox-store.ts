/**
 * OutboxStore on SQLite (better-sqlite3): WAL mode with synchronous=FULL, so
 * a committed transition survives a crash or power loss. Answers are plain
 * values (SQLite is synchronous); callers await them through the interface.
 */
import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { isSealed, loadBodyCipher, type BodyCipher } from './body-cipher.ts';
import { migrateOutbox } from './sqlite-outbox-schema.ts';
import {
  OutboxDuplicateError, type JournalEntry, type NewOutboxDocument, type OutboxDocument, type OutboxFilter,
  type OutboxPatch, type OutboxState, type OutboxStatus, type OutboxStore,
} from './outbox-store.ts';

const SELECT = 'SELECT d.*, b.semd, b.signature, b.request FROM documents d JOIN document_bodies b ON b.local_uid = d.local_uid';

type Row = Record<string, unknown>;

const columnOf: Record<keyof OutboxPatch, string> = {
  messageId: 'message_id', emdrId: 'emdr_id', errors: 'errors', attempts: 'attempts', nextAttemptAt: 'next_attempt_at',
};

/** Bodies at rest: `keyFile` opens sealed bodies; `seal` also seals new ones (body-cipher.ts). */
export interface BodyProtection {
  keyFile?: string;
  seal?: boolean;
}

export class SqliteOutboxStore implements OutboxStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly cipher: BodyCipher | undefined;
  private readonly seal: boolean;

  constructor(file: string, bodies: BodyProtection = {}) {
    this.cipher = bodies.keyFile ? loadBodyCipher(bodies.keyFile) : undefined;
    this.seal = Boolean(bodies.seal && this.cipher);
    this.db = new Database(file);
    if (file !== ':memory:') chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    // Purged bodies are overwritten with zeros, not left in free pages.
    this.db.pragma('secure_delete = ON');
    this.atomically(() => migrateOutbox(this.db));
  }

  add(doc: NewOutboxDocument): OutboxDocument {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      if (this.get(doc.localUid)) throw new OutboxDuplicateError(doc.localUid);
      this.sql(`INSERT INTO documents (local_uid, client_id, job_id, kind, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'signed', ?, ?)`)
        .run(doc.localUid, doc.clientId, doc.jobId, doc.kind, now, now);
      this.sql('INSERT INTO document_bodies (local_uid, semd, signature, request) VALUES (?, ?, ?, ?)')
        .run(doc.localUid, ...this.sealBodies(doc));
      this.journalize(doc.localUid, null, 'signed', now);
    })();
    return this.get(doc.localUid)!;
  }

  get(localUid: string): OutboxDocument | undefined {
    const row = this.sql(`${SELECT} WHERE d.local_uid = ?`).get(localUid) as Row | undefined;
    return row && this.toDocument(row);
  }

  status(localUid: string): OutboxStatus | undefined {
    const r = this.sql('SELECT state, emdr_id, errors FROM documents WHERE local_uid = ?').get(localUid) as Row | undefined;
    if (!r) return undefined;
    const errors = r.errors === null ? undefined : this.openErrors(localUid, String(r.errors));
    return { state: r.state as OutboxState, emdrId: (r.emdr_id as string | null) ?? undefined, errors };
  }

  findByMessageId(messageId: string): OutboxDocument | undefined {
    const row = this.sql(`${SELECT} WHERE d.message_id = ?`).get(messageId) as Row | undefined;
    return row && this.toDocument(row);
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
    const value = (k: keyof OutboxPatch) => (k === 'errors' && patch.errors && this.seal ? this.cipher!.sealText(localUid, 'errors', patch.errors) : patch[k] ?? null);
    this.sql(`UPDATE documents SET ${sets} WHERE local_uid = ?`).run(...keys.map(value), localUid);
  }

  due(now: number, limit = 100): OutboxDocument[] {
    const rows = this.sql(`${SELECT} WHERE d.state = 'signed'
      OR (d.state = 'failed-retryable' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)) ORDER BY d.created_at LIMIT ?`).all(now, limit) as Row[];
    return rows.map((r) => this.toDocument(r));
  }

  overdue(now: number, limit = 100): OutboxDocument[] {
    const rows = this.sql(`${SELECT} WHERE d.state = 'submitted'
      AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?) ORDER BY d.next_attempt_at LIMIT ?`).all(now, limit) as Row[];
    return rows.map((r) => this.toDocument(r));
  }

  list(filter: OutboxFilter = {}): OutboxDocument[] {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [key, column] of [['state', 'state'], ['clientId', 'client_id'], ['jobId', 'job_id']] as const) {
      if (filter[key] === undefined) continue;
      where.push(`d.${column} = ?`);
      args.push(filter[key]);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.sql(`${SELECT} ${clause} ORDER BY d.created_at DESC LIMIT ?`).all(...args, filter.limit ?? 100);
    return (rows as Row[]).map((r) => this.toDocument(r));
  }

  /**
   * Retention: drops the SEMD and the signatures of documents registered before
   * `registeredBefore` (epoch ms), keeping the row, the emdrId, the request's
   * metadata and the journal. Answers how many were purged.
   */
  purgeBodies(registeredBefore: number, limit = 500): number {
    const cutoff = new Date(registeredBefore).toISOString();
    const rows = this.sql(`${SELECT} WHERE d.state = 'registered' AND d.updated_at < ? AND length(b.semd) > 0 LIMIT ?`).all(cutoff, limit) as Row[];
    const now = new Date().toISOString();
    this.atomically(() => rows.forEach((row) => {
      const doc = this.toDocument(row);
      const request = this.seal && this.cipher ? this.cipher.sealText(doc.localUid, 'request', withoutSignatures(doc.request)) : withoutSignatures(doc.request);
      this.sql("UPDATE document_bodies SET semd = x'', signature = x'', request = ? WHERE local_uid = ?").run(request, doc.localUid);
      this.journalize(doc.localUid, 'registered', 'registered', now, 'retention: document and signature bodies purged');
    }));
    return rows.length;
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

  /**
   * Runs `fn` in one transaction: writes inside it commit together, with one
   * fsync. A nested call becomes a savepoint, so one failing step rolls back
   * alone (group-commit-store.ts relies on both).
   */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private sealBodies(doc: NewOutboxDocument): [Buffer, Buffer, string] {
    const cipher = this.seal ? this.cipher : undefined;
    const { localUid } = doc;
    if (!cipher) return [Buffer.from(doc.semd), Buffer.from(doc.signature), doc.request];
    return [cipher.seal(localUid, 'semd', doc.semd), cipher.seal(localUid, 'signature', doc.signature), cipher.sealText(localUid, 'request', doc.request)];
  }

  private toDocument(r: Row): OutboxDocument {
    const localUid = String(r.local_uid);
    const [semd, signature, request] = [r.semd as Buffer, r.signature as Buffer, String(r.request)];
    const errors = r.errors === null || r.errors === undefined ? r.errors : String(r.errors);
    if (!this.cipher && (isSealed(semd) || isSealed(request) || (errors && isSealed(errors)))) {
      throw new Error(`outbox: the bodies of ${localUid} are encrypted and outbox.key is missing from the data dir`);
    }
    const c = this.cipher;
    return toDocument({
      ...r,
      semd: c ? c.open(localUid, 'semd', semd) : semd,
      signature: c ? c.open(localUid, 'signature', signature) : signature,
      request: c ? c.openText(localUid, 'request', request) : request,
      errors: c && errors ? c.openText(localUid, 'errors', errors) : errors,
    });
  }

  private openErrors(localUid: string, errors: string): string {
    if (this.cipher) return this.cipher.openText(localUid, 'errors', errors);
    if (isSealed(errors)) throw new Error(`outbox: the bodies of ${localUid} are encrypted and outbox.key is missing from the data dir`);
    return errors;
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

/** The request without signature values (they are bodies too); the rest is the registration's metadata. */
function withoutSignatures(request: string): string {
  const parsed = JSON.parse(request) as { personalSignatures?: { signature?: { data?: string } }[]; orgSignature?: unknown };
  for (const s of parsed.personalSignatures ?? []) if (s.signature) s.signature.data = '';
  delete parsed.orgSignature;
  return JSON.stringify(parsed);
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
