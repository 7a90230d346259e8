/**
 * The submitter's crash and race windows, on a real SQLite outbox with a
 * scripted REMD port (the exact interleavings — a callback overtaking the
 * synchronous answer, a resend after a crash — cannot be forced on the
 * sandbox deterministically; the integration tests run the real one).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { silentLogger } from '../../../../agent/log.ts';
import { OutboxSubmitter } from '../../../../agent/outbox/outbox-submitter.ts';
import type { OutboxSettings } from '../../../../agent/outbox/outbox-settings.ts';
import type { RegisterAnswer, RegistrySearchResult, RemdPort } from '../../../../agent/outbox/remd-port.ts';
import { SqliteOutboxStore } from '../../../../agent/outbox/sqlite-outbox-store.ts';

const settings: OutboxSettings = { concurrency: 2, pollMs: 60_000, callbackTimeoutMs: 60_000, backoff: { baseMs: 10, capMs: 20 } };

function setup(script: { register?: (messageId: string) => Promise<RegisterAnswer>; search?: () => Promise<RegistrySearchResult> }) {
  const store = new SqliteOutboxStore(join(mkdtempSync(join(tmpdir(), 'egisz-submitter-')), 'outbox.sqlite'));
  let n = 0;
  const sent: string[] = [];
  const remd: RemdPort = {
    newMessageId: () => `m-${++n}`,
    registerDocument: async (_request, messageId) => {
      sent.push(messageId);
      return script.register ? script.register(messageId) : { status: 'accepted' };
    },
    searchRegistryItem: () => (script.search ? script.search() : Promise.resolve({ status: 'success', items: [] })),
    getRegistryItem: async (emdrId) => ({ status: 'found', item: { emdrId, localUid: emdrId === '77.119.26.11.000007' ? 'a' : 'other' } }),
  };
  const submitter = new OutboxSubmitter(store, remd, silentLogger, () => {}, settings);
  const add = (localUid: string) => store.add({
    localUid, clientId: 'c', jobId: `j-${localUid}`, kind: '119', semd: new Uint8Array([60]), signature: new Uint8Array([48]),
    request: JSON.stringify({ localUid, organization: '1.2.643.5.1.13.13.12.2.77.7701', kind: '119', patient: { snils: '15642781886' } }),
  });
  const path = (localUid: string) => store.journal(localUid).map((j) => j.to);
  return { store, submitter, add, sent, path };
}

test('a callback that overtakes the synchronous answer wins; the late "accepted" does not undo it', async () => {
  const t = setup({
    register: async (messageId) => {
      await t.submitter.applyResult({ relatesToMessage: messageId, status: 'success', emdrId: '77.119.26.11.000001' });
      return { status: 'accepted' };
    },
  });
  t.add('a');
  await t.submitter.kick();
  expect(t.store.get('a')).toMatchObject({ state: 'registered', emdrId: '77.119.26.11.000001' });
  expect(t.path('a')).toEqual(['signed', 'registered']);
});

test('after a crash between "accepted" and the state write, our resend meets NOT_UNIQUE_PROVIDED_ID: reconciled, not rejected', async () => {
  const t = setup({
    register: async () => ({ status: 'rejected', errors: [{ code: 'NOT_UNIQUE_PROVIDED_ID', message: 'localUid' }] }),
    search: async () => ({ status: 'success', items: [{ emdrId: '77.119.26.11.000007', localUid: 'a' }, { emdrId: 'x', localUid: 'other' }] }),
  });
  t.add('a');
  t.store.update('a', { messageId: 'm-before-crash', attempts: 1 }); // sent once before the crash
  await t.submitter.kick();
  expect(t.store.get('a')?.state).toBe('submitted');
  t.store.update('a', { nextAttemptAt: 0 }); // the reconciliation is due
  await t.submitter.kick();
  expect(t.store.get('a')).toMatchObject({ state: 'registered', emdrId: '77.119.26.11.000007' });
  expect(t.store.journal('a').at(-1)?.detail).toBe('сверка: найден в реестре РЭМД');
});

test('NOT_UNIQUE_PROVIDED_ID on our very first send is someone else\'s localUid: held for correction', async () => {
  const t = setup({ register: async () => ({ status: 'rejected', errors: [{ code: 'NOT_UNIQUE_PROVIDED_ID', message: 'localUid' }] }) });
  t.add('a');
  await t.submitter.kick();
  expect(t.store.get('a')?.state).toBe('rejected');
});

test('reconciliation that does not find the document sends it again', async () => {
  let accepted = 0;
  const t = setup({ register: async () => (accepted++, { status: 'accepted' }) });
  t.add('a');
  await t.submitter.kick();
  t.store.update('a', { nextAttemptAt: 0 });
  await t.submitter.kick();
  expect(accepted).toBe(2);
  expect(t.path('a')).toEqual(['signed', 'submitted', 'signed', 'submitted']);
  expect(t.store.get('a')?.attempts).toBe(2);
});

test('a refusal is mapped to the record field; a temporary code is retried', async () => {
  const t = setup({
    register: async (messageId) => messageId === 'm-1'
      ? { status: 'rejected', errors: [{ code: 'PERSON_NOT_FOUND', message: 'нет в ФРМР' }] }
      : { status: 'rejected', errors: [{ code: 'INTERNAL_ERROR', message: 'сбой' }] },
  });
  t.add('a');
  t.add('b');
  await t.submitter.kick();
  expect(JSON.parse(t.store.get('a')!.errors!)).toEqual([{ code: 'PERSON_NOT_FOUND', message: 'нет в ФРМР', path: 'practitioner.snils' }]);
  expect(t.store.get('b')).toMatchObject({ state: 'failed-retryable', attempts: 1 });
});

test('an error callback about an older message is stale; a temporary one is retried, a real one held', async () => {
  const t = setup({});
  t.add('a');
  await t.submitter.kick(); // sent as m-1, submitted
  await t.submitter.applyResult({ relatesToMessage: 'm-0', localUid: 'a', status: 'error', errors: [{ code: 'VALIDATION_ERROR', message: 'old' }] });
  expect(t.store.get('a')?.state).toBe('submitted');
  await t.submitter.applyResult({ relatesToMessage: 'm-1', status: 'error', errors: [{ code: 'MIS_NOT_AVAILABLE', message: 'агент недоступен' }] });
  expect(t.store.get('a')?.state).toBe('failed-retryable');
  await new Promise((r) => setTimeout(r, 30));
  await t.submitter.kick(); // sent again as m-2
  await t.submitter.applyResult({ relatesToMessage: 'm-2', status: 'error', errors: [{ code: 'PATIENT_MPI_MISMATCH', message: 'ГИП' }] });
  expect(t.store.get('a')?.state).toBe('rejected');
});

test('a transport failure that retrying cannot fix is held; a network failure is retried', async () => {
  const t = setup({
    register: async (messageId) => {
      throw Object.assign(new Error('bad'), messageId === 'm-1' ? { code: 'SUBMIT_BAD_RESPONSE', retriable: false } : { code: 'SUBMIT_NETWORK', retriable: true });
    },
  });
  t.add('a');
  t.add('b');
  await t.submitter.kick();
  expect(t.store.get('a')?.state).toBe('rejected');
  expect(t.store.get('b')?.state).toBe('failed-retryable');
});

test('a search hit that getRegistryItem does not confirm is not taken: the document stays submitted and is looked at later', async () => {
  const t = setup({ search: async () => ({ status: 'success', items: [{ emdrId: '77.119.26.11.000099', localUid: 'a' }] }) });
  t.add('a');
  t.store.transition('a', 'submitted', { nextAttemptAt: 0 });
  await t.submitter.kick();
  expect(t.store.get('a')?.state).toBe('submitted');
  expect(t.store.get('a')!.nextAttemptAt).toBeGreaterThan(0); // deferred by backoff
});
