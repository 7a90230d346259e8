/**
 * The outbox's tables and their migrations (PRAGMA user_version).
 */
import type Database from 'better-sqlite3';

/**
 * Schema 2: the immutable bytes (SEMD, CMS, request) live in document_bodies,
 * written once; the small documents row is what every transition rewrites.
 * (Schema 1 kept the blobs in documents, so each state change copied ~20 KB
 * into the WAL.)
 */
const SCHEMA_VERSION = 2;
const schema = `
CREATE TABLE IF NOT EXISTS documents (
  local_uid TEXT PRIMARY KEY, client_id TEXT NOT NULL, job_id TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL,
  message_id TEXT, emdr_id TEXT, errors TEXT, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS document_bodies (
  local_uid TEXT PRIMARY KEY, semd BLOB NOT NULL, signature BLOB NOT NULL, request TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_state ON documents(state, next_attempt_at);
CREATE INDEX IF NOT EXISTS documents_message ON documents(message_id);
CREATE INDEX IF NOT EXISTS documents_job ON documents(job_id);
CREATE TABLE IF NOT EXISTS journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, local_uid TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,
  at TEXT NOT NULL, detail TEXT);
CREATE INDEX IF NOT EXISTS journal_document ON journal(local_uid);`;

/** Schema 1 → 2: move the blobs out of documents, keeping every row and the journal. */
const migrateFromV1 = `
DROP INDEX IF EXISTS documents_state; DROP INDEX IF EXISTS documents_message; DROP INDEX IF EXISTS documents_job;
ALTER TABLE documents RENAME TO documents_v1;
${schema}
INSERT INTO documents (local_uid, client_id, job_id, kind, state, message_id, emdr_id, errors, attempts, next_attempt_at, created_at, updated_at)
  SELECT local_uid, client_id, job_id, kind, state, message_id, emdr_id, errors, attempts, next_attempt_at, created_at, updated_at FROM documents_v1;
INSERT INTO document_bodies (local_uid, semd, signature, request) SELECT local_uid, semd, signature, request FROM documents_v1;
DROP TABLE documents_v1;`;

/** Brings the database to SCHEMA_VERSION; call inside a transaction. */
export function migrateOutbox(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= SCHEMA_VERSION) return;
  const columns = db.prepare("SELECT name FROM pragma_table_info('documents')").all() as { name: string }[];
  db.exec(columns.some((c) => c.name === 'semd') ? migrateFromV1 : schema);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
