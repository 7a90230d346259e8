/**
 * What this workstation has prepared, one row per document version
 * (<dataDir>/preflight.sqlite): the visit fingerprint, the patient's identity
 * as sent, and the SEMD identity (setId, version). A row counts as "sent" only
 * while the outbox (DocumentSink.status) holds that localUid — a prepared but
 * never signed document is no duplicate. The file is owner-only like the outbox.
 */
import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import type { VisitFingerprint } from './visit-fingerprint.ts';

export interface VisitRow extends VisitFingerprint {
  localUid: string;
  setId: string;
  versionNumber: number;
  conclusionHash: string;
  patientLocalId?: string;
  patientLastName: string;
  patientFirstName: string;
  patientMiddleName?: string;
  patientBirthDate: string;
  /** ISO, the document's creation time. */
  createdAt: string;
  /** The MIS's case id (encounter.caseId), if the page has one. */
  caseId?: string;
  /** JSON of what case grouping and the IEMK need (visit-details.ts). */
  details?: string;
}

const schema = `
CREATE TABLE IF NOT EXISTS visits (
  local_uid TEXT PRIMARY KEY, set_id TEXT NOT NULL, version_number INTEGER NOT NULL,
  patient_snils TEXT NOT NULL, kind TEXT NOT NULL, doctor_snils TEXT NOT NULL, visit_date TEXT NOT NULL,
  content_hash TEXT NOT NULL, conclusion_hash TEXT NOT NULL, patient_local_id TEXT,
  patient_last_name TEXT NOT NULL, patient_first_name TEXT NOT NULL, patient_middle_name TEXT, patient_birth_date TEXT NOT NULL,
  created_at TEXT NOT NULL, case_id TEXT, details TEXT);
CREATE INDEX IF NOT EXISTS visits_patient ON visits(patient_snils);
CREATE INDEX IF NOT EXISTS visits_patient_local ON visits(patient_local_id);
CREATE INDEX IF NOT EXISTS visits_patient_time ON visits(patient_snils, created_at);
CREATE INDEX IF NOT EXISTS visits_patient_local_time ON visits(patient_local_id, created_at);`;

const columns: Record<keyof VisitRow, string> = {
  localUid: 'local_uid', setId: 'set_id', versionNumber: 'version_number', patientSnils: 'patient_snils', kind: 'kind',
  doctorSnils: 'doctor_snils', visitDate: 'visit_date', contentHash: 'content_hash', conclusionHash: 'conclusion_hash',
  patientLocalId: 'patient_local_id', patientLastName: 'patient_last_name', patientFirstName: 'patient_first_name',
  patientMiddleName: 'patient_middle_name', patientBirthDate: 'patient_birth_date', createdAt: 'created_at', caseId: 'case_id',
  details: 'details',
};
const keys = Object.keys(columns) as (keyof VisitRow)[];

export class VisitHistory {
  private readonly db: Database.Database;
  /** Prepared once: pre-flight reads and writes here for every document. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    // Files from before the details column: add it in place.
    const cols = this.db.prepare('PRAGMA table_info(visits)').all() as { name: string }[];
    if (!cols.some((c) => c.name === 'details')) this.db.exec('ALTER TABLE visits ADD COLUMN details TEXT');
  }

  record(row: VisitRow): void {
    this.sql(`INSERT OR REPLACE INTO visits (${keys.map((k) => columns[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`)
      .run(...keys.map((k) => row[k] ?? null));
  }

  /** Rows of one patient: by SNILS, or by the MIS's patient id when given. Newest first; at most `limit` (-1: all). */
  forPatient(snils: string, localId?: string, limit = -1): VisitRow[] {
    // Each arm walks its (patient, created_at) index from the newest row: `limit` rows read, not the whole history.
    const newest = (column: string) => `SELECT * FROM (SELECT * FROM visits WHERE ${column} = ? ORDER BY created_at DESC LIMIT ?)`;
    const rows = localId
      ? this.sql(`${newest('patient_snils')} UNION ${newest('patient_local_id')} ORDER BY created_at DESC LIMIT ?`).all(snils, limit, localId, limit, limit)
      : this.sql(`${newest('patient_snils')} ORDER BY created_at DESC`).all(snils, limit);
    return (rows as Record<string, unknown>[]).map(toRow);
  }

  /** The patient of a case named by a visit's localUid or by the MIS's case id. */
  patientOfCase(caseId: string): string | undefined {
    const row = this.sql('SELECT patient_snils FROM visits WHERE local_uid = ? OR case_id = ? LIMIT 1').get(caseId, caseId) as { patient_snils: string } | undefined;
    return row?.patient_snils;
  }

  /** Patients with a document created since an ISO time, the most recently seen first. */
  patientsSince(iso: string, limit = -1): string[] {
    return (this.sql('SELECT patient_snils FROM visits WHERE created_at >= ? GROUP BY patient_snils ORDER BY MAX(created_at) DESC LIMIT ?')
      .all(iso, limit) as { patient_snils: string }[]).map((r) => r.patient_snils);
  }

  get(localUid: string): VisitRow | undefined {
    const row = this.sql('SELECT * FROM visits WHERE local_uid = ?').get(localUid) as Record<string, unknown> | undefined;
    return row && toRow(row);
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  close(): void {
    this.db.close();
  }
}

function toRow(raw: Record<string, unknown>): VisitRow {
  const row = {} as Record<string, unknown>;
  for (const key of keys) {
    const value = raw[columns[key]];
    if (value !== null && value !== undefined) row[key] = value;
  }
  return row as unknown as VisitRow;
}
