import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cancelDocument, retryDocument } from '../../../../agent/outbox/outbox-operations.ts';
import { SqliteOutboxStore } from '../../../../agent/outbox/sqlite-outbox-store.ts';

function setup(busy = false) {
  const store = new SqliteOutboxStore(join(mkdtempSync(join(tmpdir(), 'egisz-ops-')), 'outbox.sqlite'));
  for (const id of ['a', 'b', 'c', 'd']) {
    store.add({ localUid: id, clientId: 'c', jobId: id, kind: '119', semd: new Uint8Array([1]), signature: new Uint8Array([2]), request: '{}' });
  }
  let kicks = 0;
  return { store, deps: { store, isBusy: () => busy, kick: () => void kicks++ }, kicks: () => kicks };
}

test('retry sends a held document again and reconciles a submitted one now', async () => {
  const t = setup();
  t.store.transition('a', 'rejected', { errors: '[]' });
  t.store.transition('b', 'submitted', { nextAttemptAt: Date.now() + 60_000 });
  expect(await retryDocument('a', t.deps)).toMatchObject({ ok: true, document: { state: 'signed' } });
  const b = await retryDocument('b', t.deps);
  expect(b.ok && b.document.nextAttemptAt! <= Date.now()).toBe(true);
  expect(t.kicks()).toBe(2);
});

test('cancel only before REMD accepted, never a registered or a busy document', async () => {
  const t = setup();
  t.store.transition('b', 'submitted');
  t.store.transition('c', 'registered', { emdrId: '1' });
  expect(await cancelDocument('a', t.deps)).toMatchObject({ ok: true, document: { state: 'cancelled' } });
  expect(await cancelDocument('b', t.deps)).toMatchObject({ ok: false, code: 'OUTBOX_ALREADY_SUBMITTED' });
  expect(await cancelDocument('c', t.deps)).toMatchObject({ ok: false, code: 'OUTBOX_FINAL' });
  expect(await retryDocument('c', t.deps)).toMatchObject({ ok: false, code: 'OUTBOX_FINAL' });
  expect(await cancelDocument('zzz', t.deps)).toMatchObject({ ok: false, code: 'OUTBOX_NOT_FOUND' });
  expect(await cancelDocument('d', setup(true).deps)).toMatchObject({ ok: false, code: 'OUTBOX_BUSY' });
});
