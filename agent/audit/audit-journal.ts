/**
 * The tamper-evident audit journal: who signed and sent what, and how it
 * ended. One JSON line per event, appended; each line carries the SHA-256 of
 * the previous one, so editing or deleting any line breaks the chain that
 * `egisz-agent journal verify` recomputes.
 * It holds no PIN, no document body and no raw personal data: the patient's
 * SNILS appears only as an HMAC under a key private to this installation.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AuditEvent {
  /** What happened: signed, submitted, registered, rejected, … */
  event: string;
  localUid: string;
  kind?: string;
  /** The patient's SNILS; stored only as a keyed hash. */
  patientSnils?: string;
  /** Hex SHA-256 of the signer's certificate. */
  certificate?: string;
  /** REMD registration number or error codes. */
  result?: string;
}

export interface AuditEntry extends Omit<AuditEvent, 'patientSnils'> {
  seq: number;
  at: string;
  patient?: string;
  /** Hash of the previous line ("0"×64 for the first). */
  prev: string;
}

const GENESIS = '0'.repeat(64);

export class AuditJournal {
  private readonly file: string;
  private readonly key: Buffer;
  private last: { seq: number; hash: string };

  constructor(dataDir: string) {
    this.file = join(dataDir, 'audit-journal.jsonl');
    this.key = loadOrCreateKey(join(dataDir, 'audit-key'));
    this.last = tail(this.file);
  }

  append(event: AuditEvent, at = new Date()): AuditEntry {
    const { patientSnils, ...rest } = event;
    const entry: AuditEntry = {
      seq: this.last.seq + 1, at: at.toISOString(), ...rest,
      patient: patientSnils ? createHmac('sha256', this.key).update(patientSnils).digest('hex') : undefined,
      prev: this.last.hash,
    };
    const line = JSON.stringify(entry);
    appendFileSync(this.file, line + '\n', { mode: 0o600 });
    this.last = { seq: entry.seq, hash: sha256(line) };
    return entry;
  }
}

export type JournalVerdict = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Recomputes the chain of a journal file. */
export function verifyAuditJournal(dataDir: string): JournalVerdict {
  const file = join(dataDir, 'audit-journal.jsonl');
  if (!existsSync(file)) return { ok: true, entries: 0 };
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  let prev = GENESIS;
  for (const [i, line] of lines.entries()) {
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      return { ok: false, entries: lines.length, brokenAt: i + 1, reason: 'line is not JSON' };
    }
    if (entry.seq !== i + 1) return { ok: false, entries: lines.length, brokenAt: i + 1, reason: `sequence ${entry.seq}, expected ${i + 1}` };
    if (entry.prev !== prev) return { ok: false, entries: lines.length, brokenAt: i + 1, reason: 'hash chain broken' };
    prev = sha256(line);
  }
  return { ok: true, entries: lines.length };
}

function tail(file: string): { seq: number; hash: string } {
  if (!existsSync(file)) return { seq: 0, hash: GENESIS };
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const last = lines.at(-1);
  return last ? { seq: (JSON.parse(last) as AuditEntry).seq, hash: sha256(last) } : { seq: 0, hash: GENESIS };
}

function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
