/**
 * Crash windows made exact, against the real sandbox over HTTP: the outbox
 * row is set back to what a crash at that moment would have left, and the
 * agent must recover without losing or duplicating the document.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import { fetchDocumentFile } from '../../../agent/sandbox/document-fetch.ts';
import { admin, outboxRecord } from '../../support/outbox-records.ts';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

let agent: OutboxAgent | undefined;
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(localUid: string, state: string): Promise<Record<string, unknown>> {
  let doc: Record<string, unknown> = {};
  for (const until = Date.now() + 20_000; Date.now() < until; await sleep(50)) {
    doc = (await admin(agent!.access, 'GET', `/outbox/${localUid}`)).body;
    if (doc.state === state) return doc;
  }
  throw new Error(`${localUid} stayed ${String(doc.state)}`);
}

const faults = (body: unknown) => fetch(`${agent!.url}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('REMD registered it, the callback was lost and the crash came before "submitted" was written: the resend meets NOT_UNIQUE and is reconciled', async () => {
  agent = await startOutboxAgent();
  await faults({ reset: true, lostCallback: { next: 1 } });
  const uid = randomUUID();
  expect((await admin(agent.access, 'POST', '/submit', { record: outboxRecord(uid), pin: demoToken.pin })).status).toBe(201);
  await waitFor(uid, 'submitted');
  for (let i = 0; i < 100 && !(await (await fetch(`${agent.url}/sandbox/registry`)).json() as unknown[]).length; i++) await sleep(50);
  // What the row looks like had the agent died right after the synchronous "accepted":
  agent.outbox.transition(uid, 'signed', { nextAttemptAt: undefined }, 'test: as left by a crash before the state write');

  const doc = await waitFor(uid, 'registered');
  const registry = (await (await fetch(`${agent.url}/sandbox/registry`)).json()) as { localUid: string; emdrId: string }[];
  expect(registry).toEqual([expect.objectContaining({ localUid: uid, emdrId: doc.emdrId })]);
  const details = (doc.journal as { detail?: string }[]).map((j) => j.detail ?? '');
  expect(details.some((d) => d.startsWith('NOT_UNIQUE_PROVIDED_ID'))).toBe(true);
  expect(details.at(-1)).toBe('сверка: найден в реестре РЭМД');
  expect(doc.attempts).toBe(2);
});

test('a send in flight cannot be cancelled, nor a registered document', async () => {
  agent = await startOutboxAgent();
  await faults({ reset: true, latencyMs: 300 });
  const uid = randomUUID();
  await admin(agent.access, 'POST', '/submit', { record: outboxRecord(uid), pin: demoToken.pin });
  await sleep(100);
  expect(await admin(agent.access, 'POST', `/outbox/${uid}/cancel`)).toMatchObject({ status: 409, body: { code: 'OUTBOX_BUSY' } });
  await waitFor(uid, 'registered');
  expect(await admin(agent.access, 'POST', `/outbox/${uid}/cancel`)).toMatchObject({ status: 409, body: { code: 'OUTBOX_FINAL' } });
});

test('a cancelled document is not handed to REMD: a registration still in flight fails instead', async () => {
  agent = await startOutboxAgent();
  await faults({ reset: true, serverError: { rate: 1 } });
  const uid = randomUUID();
  await admin(agent.access, 'POST', '/submit', { record: outboxRecord(uid), pin: demoToken.pin });
  await waitFor(uid, 'failed-retryable');
  const fetched = () => fetchDocumentFile(`${agent!.url}/remd/document-file`, { messageId: 'urn:uuid:x', localUid: uid }, fetch);
  expect(await fetched()).toMatchObject({ ok: true });
  expect(await admin(agent.access, 'POST', `/outbox/${uid}/cancel`)).toMatchObject({ status: 200, body: { state: 'cancelled' } });
  expect(await fetched()).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: 'WRONG_MESSAGE_ID' })] });
});
