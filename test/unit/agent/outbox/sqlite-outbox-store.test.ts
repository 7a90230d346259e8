import Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { OutboxDuplicateError } from '../../../../agent/outbox/outbox-store.ts';
import { SqliteOutboxStore } from '../../../../agent/outbox/sqlite-outbox-store.ts';

const file = () => join(mkdtempSync(join(tmpdir(), 'egisz-outbox-')), 'outbox.sqlite');
const doc = (localUid: string) => ({
  localUid, clientId: 'client', jobId: `job-${localUid}`, kind: '119',
  semd: new TextEncoder().encode('<ClinicalDocument/>'), signature: new Uint8Array([48, 1, 2]), request: '{"localUid":"x"}',
});

test('a document goes through its states, each transition journaled, and survives reopening', () => {
  const path = file();
  const store = new SqliteOutboxStore(path);
  store.add(doc('a'));
  store.update('a', { messageId: 'm-1' });
  store.transition('a', 'submitted', {}, 'accepted');
  store.transition('a', 'registered', { emdrId: '77.119.26.11.000001' });
  store.close();

  const reopened = new SqliteOutboxStore(path);
  const a = reopened.get('a')!;
  expect(a).toMatchObject({ state: 'registered', emdrId: '77.119.26.11.000001', messageId: 'm-1', kind: '119' });
  expect(new TextDecoder().decode(a.semd)).toBe('<ClinicalDocument/>');
  expect(reopened.findByMessageId('m-1')?.localUid).toBe('a');
  expect(reopened.journal('a').map((j) => [j.from, j.to])).toEqual([[null, 'signed'], ['signed', 'submitted'], ['submitted', 'registered']]);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  reopened.close();
});

test('the same localUid cannot be added twice', () => {
  const store = new SqliteOutboxStore(file());
  store.add(doc('a'));
  expect(() => store.add(doc('a'))).toThrow();
  expect(store.list()).toHaveLength(1);
});

test('due lists signed documents and retryable ones whose time has come', () => {
  const store = new SqliteOutboxStore(file());
  for (const id of ['fresh', 'later', 'now', 'sent']) store.add(doc(id));
  store.transition('later', 'failed-retryable', { nextAttemptAt: 5_000 });
  store.transition('now', 'failed-retryable', { nextAttemptAt: 1_000 });
  store.transition('sent', 'submitted');
  expect(store.due(2_000).map((d) => d.localUid).sort()).toEqual(['fresh', 'now']);
  expect(store.due(6_000).map((d) => d.localUid).sort()).toEqual(['fresh', 'later', 'now']);
});

test('a transition with `from` is compare-and-set: it does nothing when the state moved on', () => {
  const store = new SqliteOutboxStore(file());
  store.add(doc('a'));
  store.transition('a', 'registered', { emdrId: 'e' });
  expect(store.transition('a', 'submitted', {}, 'late accepted', ['signed', 'failed-retryable'])).toBeUndefined();
  expect(store.get('a')?.state).toBe('registered');
  expect(store.journal('a')).toHaveLength(2);
});

test('a duplicate add is an OutboxDuplicateError; overdue lists submitted documents whose callback is late', () => {
  const store = new SqliteOutboxStore(file());
  store.add(doc('a'));
  store.add(doc('b'));
  expect(() => store.add(doc('a'))).toThrow(OutboxDuplicateError);
  store.transition('a', 'submitted', { nextAttemptAt: 1_000 });
  store.transition('b', 'submitted', { nextAttemptAt: 9_000 });
  expect(store.overdue(5_000).map((d) => d.localUid)).toEqual(['a']);
  expect(store.counts()).toEqual({ submitted: 2 });
  expect(store.list({ jobId: 'job-b' }).map((d) => d.localUid)).toEqual(['b']);
});

test('an outbox from schema 1 (blobs in the documents row) is migrated with its rows and journal', () => {
  const path = file();
  const old = new Database(path);
  old.exec(`CREATE TABLE documents (local_uid TEXT PRIMARY KEY, client_id TEXT NOT NULL, job_id TEXT NOT NULL, kind TEXT NOT NULL,
    state TEXT NOT NULL, semd BLOB NOT NULL, signature BLOB NOT NULL, request TEXT NOT NULL, message_id TEXT, emdr_id TEXT, errors TEXT,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE INDEX documents_state ON documents(state); CREATE INDEX documents_message ON documents(message_id);
    CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, local_uid TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, at TEXT NOT NULL, detail TEXT);
    INSERT INTO documents VALUES ('a', 'c', 'j', '119', 'submitted', x'3c3e', x'30', '{}', 'm-1', NULL, NULL, 1, 5, '2026-11-01', '2026-11-01');
    INSERT INTO journal (local_uid, from_state, to_state, at) VALUES ('a', NULL, 'signed', '2026-11-01');`);
  old.close();
  const store = new SqliteOutboxStore(path);
  expect(store.get('a')).toMatchObject({ state: 'submitted', messageId: 'm-1', attempts: 1, request: '{}' });
  expect(store.findByMessageId('m-1')?.semd).toEqual(new Uint8Array([0x3c, 0x3e]));
  expect(store.overdue(10).map((d) => d.localUid)).toEqual(['a']);
  expect(store.journal('a')).toHaveLength(1);
  store.add(doc('b'));
  store.close();
  expect(new SqliteOutboxStore(path).list().map((d) => d.localUid).sort()).toEqual(['a', 'b']);
});
