/**
 * The OutboxStore contract, run against every implementation the agent has:
 * SQLite answering plain values, group commit in-thread and on the writer
 * thread answering promises. Callers only ever `await`, which is what lets a
 * PostgreSQL store (all promises) slot in later; this suite is its checklist.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GroupCommitStore } from '../../../../agent/outbox/group-commit-store.ts';
import { OutboxDuplicateError, type OutboxStore } from '../../../../agent/outbox/outbox-store.ts';
import { startOutboxWriter } from '../../../../agent/outbox/outbox-writer-thread.ts';
import { SqliteOutboxStore } from '../../../../agent/outbox/sqlite-outbox-store.ts';

const file = () => join(mkdtempSync(join(tmpdir(), 'egisz-contract-')), 'outbox.sqlite');
const implementations: [string, () => OutboxStore][] = [
  ['SQLite (plain values)', () => new SqliteOutboxStore(file())],
  ['group commit, in-thread', () => new GroupCommitStore(new SqliteOutboxStore(file()))],
  ['group commit, writer thread', () => {
    const path = file();
    return new GroupCommitStore(new SqliteOutboxStore(path), startOutboxWriter(path));
  }],
];

const doc = (localUid: string, jobId = `job-${localUid}`) => ({
  localUid, clientId: 'ws-1/ext', jobId, kind: '119', semd: new TextEncoder().encode('<ClinicalDocument/>'),
  signature: new Uint8Array([48, 1]), request: JSON.stringify({ localUid }),
});

describe.each(implementations)('%s', (_name, open) => {
  test('add, get, findByMessageId, compare-and-set transitions, journal', async () => {
    const store = open();
    expect(await store.add(doc('a'))).toMatchObject({ localUid: 'a', state: 'signed', attempts: 0 });
    await expect(Promise.resolve().then(() => store.add(doc('a')))).rejects.toBeInstanceOf(OutboxDuplicateError);
    await store.update('a', { messageId: 'm-1', attempts: 1 });
    expect((await store.findByMessageId('m-1'))?.localUid).toBe('a');
    expect(await store.transition('a', 'submitted', { nextAttemptAt: 10 }, 'accepted', ['signed'])).toMatchObject({ state: 'submitted' });
    expect(await store.transition('a', 'submitted', {}, 'again', ['signed'])).toBeUndefined();
    expect(await store.transition('a', 'registered', { emdrId: 'e-1', nextAttemptAt: undefined })).toMatchObject({ emdrId: 'e-1' });
    const a = (await store.get('a'))!;
    expect(a.nextAttemptAt).toBeUndefined();
    expect(new TextDecoder().decode(a.semd)).toBe('<ClinicalDocument/>');
    expect((await store.journal('a')).map((j) => j.to)).toEqual(['signed', 'submitted', 'registered']);
    expect(await store.get('nope')).toBeUndefined();
    await store.close();
  });

  test('status answers the state, emdrId and errors as get does', async () => {
    const store = open();
    await store.add(doc('a'));
    expect(await store.status('a')).toEqual({ state: 'signed', emdrId: undefined, errors: undefined });
    await store.transition('a', 'rejected', { errors: '[{"code":"VALIDATION_ERROR"}]' });
    const { state, emdrId, errors } = (await store.get('a'))!;
    expect(await store.status('a')).toEqual({ state, emdrId, errors });
    expect(state).toBe('rejected');
    await store.transition('a', 'registered', { emdrId: 'e-1' });
    expect(await store.status('a')).toMatchObject({ state: 'registered', emdrId: 'e-1' });
    expect(await store.status('nope')).toBeUndefined();
    await store.close();
  });

  test('due, overdue, list filters and counts', async () => {
    const store = open();
    for (const id of ['s', 'r', 'late', 'wait']) await store.add(doc(id));
    await store.transition('r', 'failed-retryable', { nextAttemptAt: 1_000 });
    await store.transition('late', 'submitted', { nextAttemptAt: 500 });
    await store.transition('wait', 'submitted', { nextAttemptAt: 9_000 });
    expect((await store.due(2_000)).map((d) => d.localUid).sort()).toEqual(['r', 's']);
    expect((await store.due(0)).map((d) => d.localUid)).toEqual(['s']);
    expect((await store.overdue(2_000)).map((d) => d.localUid)).toEqual(['late']);
    expect((await store.list({ state: 'submitted' })).map((d) => d.localUid).sort()).toEqual(['late', 'wait']);
    expect((await store.list({ jobId: 'job-r', clientId: 'ws-1/ext' })).map((d) => d.localUid)).toEqual(['r']);
    expect(await store.list({ limit: 2 })).toHaveLength(2);
    expect(await store.counts()).toEqual({ signed: 1, 'failed-retryable': 1, submitted: 2 });
    await store.close();
  });
});
