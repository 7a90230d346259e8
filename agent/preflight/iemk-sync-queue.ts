/**
 * The durable to-do list of IEMK case sync, one row per patient whose cases
 * may have something the IEMK does not have yet (a registered visit, a
 * closure). Keyed by patient rather than case: editing the grouping renames
 * cases, a patient stays. Rows live in <dataDir>/preflight.sqlite, so a
 * crash loses no pending sync. `seq` grows on every enqueue: a sync that
 * finishes removes its row only if nothing was enqueued meanwhile.
 */
import Database from 'better-sqlite3';

export type IemkSyncState = 'pending' | 'held';

export interface IemkSyncRow {
  patientSnils: string;
  /** pending: will be tried at dueAt; held: the IEMK refused, waits for a change or a manual send. */
  state: IemkSyncState;
  attempts: number;
  /** ISO time of the next attempt. */
  dueAt: string;
  lastError?: string;
  seq: number;
  updatedAt: string;
}

const schema = `
CREATE TABLE IF NOT EXISTS iemk_sync (
  patient_snils TEXT PRIMARY KEY, state TEXT NOT NULL, attempts INTEGER NOT NULL, due_at TEXT NOT NULL,
  last_error TEXT, seq INTEGER NOT NULL, updated_at TEXT NOT NULL);`;

interface Raw {
  patient_snils: string; state: IemkSyncState; attempts: number; due_at: string; last_error: string | null; seq: number; updated_at: string;
}

const toRow = (r: Raw): IemkSyncRow => ({
  patientSnils: r.patient_snils, state: r.state, attempts: r.attempts, dueAt: r.due_at, seq: r.seq, updatedAt: r.updated_at,
  ...(r.last_error ? { lastError: r.last_error } : {}),
});

export class IemkSyncQueue {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
  }

  /** Due now; a row retrying after network errors keeps its backoff (new triggers do not hammer an IEMK that is down). */
  enqueue(patientSnils: string, now: Date): void {
    const at = now.toISOString();
    this.db.prepare(`INSERT INTO iemk_sync (patient_snils, state, attempts, due_at, seq, updated_at) VALUES (?, 'pending', 0, ?, 1, ?)
      ON CONFLICT(patient_snils) DO UPDATE SET
        due_at = CASE WHEN state = 'pending' AND attempts > 0 THEN due_at ELSE excluded.due_at END,
        state = 'pending', seq = seq + 1, updated_at = excluded.updated_at`)
      .run(patientSnils, at, at);
  }

  /** Due again at `dueAt` (a visit still settling), unless it is due sooner or held already. */
  wakeAt(patientSnils: string, dueAt: Date, now: Date): void {
    this.db.prepare(`INSERT INTO iemk_sync (patient_snils, state, attempts, due_at, seq, updated_at) VALUES (?, 'pending', 0, ?, 1, ?)
      ON CONFLICT(patient_snils) DO UPDATE SET due_at = MIN(due_at, excluded.due_at) WHERE state = 'pending'`)
      .run(patientSnils, dueAt.toISOString(), now.toISOString());
  }

  /** Many at once, in one transaction (the sweep queues every recent patient). */
  enqueueAll(patients: readonly string[], now: Date): void {
    this.db.transaction(() => patients.forEach((snils) => this.enqueue(snils, now)))();
  }

  due(now: Date, limit = 20): IemkSyncRow[] {
    return (this.db.prepare(`SELECT * FROM iemk_sync WHERE state = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?`)
      .all(now.toISOString(), limit) as Raw[]).map(toRow);
  }

  /** Done: removed unless enqueued again since `seq` was read. */
  done(row: IemkSyncRow): void {
    this.db.prepare('DELETE FROM iemk_sync WHERE patient_snils = ? AND seq = ?').run(row.patientSnils, row.seq);
  }

  retryLater(row: IemkSyncRow, error: string, dueAt: Date, now: Date): void {
    this.db.prepare('UPDATE iemk_sync SET attempts = attempts + 1, due_at = ?, last_error = ?, updated_at = ? WHERE patient_snils = ?')
      .run(dueAt.toISOString(), error, now.toISOString(), row.patientSnils);
  }

  /** The IEMK refused: keep the row and its reason, stop trying until the next enqueue. */
  hold(row: IemkSyncRow, error: string, now: Date): void {
    this.db.prepare(`UPDATE iemk_sync SET state = CASE WHEN seq = ? THEN 'held' ELSE state END, attempts = attempts + 1, last_error = ?, updated_at = ?
      WHERE patient_snils = ?`).run(row.seq, error, now.toISOString(), row.patientSnils);
  }

  get(patientSnils: string): IemkSyncRow | undefined {
    const raw = this.db.prepare('SELECT * FROM iemk_sync WHERE patient_snils = ?').get(patientSnils) as Raw | undefined;
    return raw && toRow(raw);
  }

  list(): IemkSyncRow[] {
    return (this.db.prepare('SELECT * FROM iemk_sync ORDER BY due_at').all() as Raw[]).map(toRow);
  }

  close(): void {
    this.db.close();
  }
}
