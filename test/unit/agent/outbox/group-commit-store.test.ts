import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { GroupCommitStore } from '../../../../agent/outbox/group-commit-store.ts';
import { OutboxDuplicateError } from '../../../../agent/outbox/outbox-store.ts';
import { startOutboxWriter } from '../../../../agent/outbox/outbox-writer-thread.ts';
import { SqliteOutboxStore } from '../../../../agent/outbox/sqlite-outbox-store.ts';

const doc = (localUid: string) => ({
  localUid, clientId: 'c', jobId: localUid, kind: '119', semd: new Uint8Array([1]), signature: new Uint8Array([2]), request: '{}',
});

test('writes in one turn commit together; a failing one rejects alone and leaves no trace', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'egisz-group-')), 'outbox.sqlite');
  const store = new GroupCommitStore(new SqliteOutboxStore(path));
  await store.add(doc('a'));
  const results = await Promise.allSettled([
    store.add(doc('b')),
    store.add(doc('a')),
    store.transition('a', 'submitted', { messageId: 'm-1' }),
    store.transition('zzz', 'submitted'),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
  expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(OutboxDuplicateError);
  store.close();
  const reopened = new SqliteOutboxStore(path);
  expect(reopened.list().map((d) => [d.localUid, d.state]).sort()).toEqual([['a', 'submitted'], ['b', 'signed']]);
  expect(reopened.journal('zzz')).toEqual([]);
});

test('on the writer thread: the same batches, errors rebuilt across the thread, reads see each commit', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'egisz-writer-')), 'outbox.sqlite');
  const store = new GroupCommitStore(new SqliteOutboxStore(path), startOutboxWriter(path));
  await store.add(doc('a'));
  const results = await Promise.allSettled([store.add(doc('a')), store.add(doc('b')), store.update('b', { messageId: 'm-b', errors: undefined })]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(OutboxDuplicateError);
  expect(store.findByMessageId('m-b')?.localUid).toBe('b');
  const moved = await store.transition('b', 'submitted', { nextAttemptAt: 5 }, 'accepted', ['signed']);
  expect(moved).toMatchObject({ state: 'submitted', nextAttemptAt: 5 });
  expect(await store.transition('b', 'submitted', {}, 'late', ['signed'])).toBeUndefined();
  await store.close();
  expect(new SqliteOutboxStore(path).journal('b').map((j) => j.to)).toEqual(['signed', 'submitted']);
});
