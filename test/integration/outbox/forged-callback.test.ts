/**
 * A forged registerDocumentResult cannot mark a document registered: the
 * agent's callback endpoint takes only results signed by the REMD it trusts
 * (here the embedded sandbox). The sandbox's own callback is lost on purpose,
 * so the document waits in `submitted` while forgeries arrive.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import { writeRegisterDocumentResult } from '../../../agent/egisz/remd/register-document-result.ts';
import { buildEnvelope, newMessageId, parseEnvelope } from '../../../agent/egisz/remd/soap-envelope.ts';
import { signEnvelope } from '../../../agent/egisz/remd/ws-security.ts';
import { loadOrCreateRemdIdentity } from '../../../agent/sandbox/remd-identity.ts';
import { admin, outboxRecord } from '../../support/outbox-records.ts';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

let agent: OutboxAgent | undefined;
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('forged callbacks (unsigned, or signed by another key) are refused and the document stays submitted', async () => {
  agent = await startOutboxAgent((c) => {
    c.outbox = { ...c.outbox, callbackTimeoutMs: 60_000 };
  });
  const faults = await fetch(`${agent.url}/sandbox/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true, lostCallback: { rate: 1 } }),
  });
  expect(faults.status).toBe(200);
  const localUid = randomUUID();
  expect((await admin(agent.access, 'POST', '/submit', { record: outboxRecord(localUid), pin: demoToken.pin })).status).toBe(201);
  let doc: Record<string, unknown> = {};
  for (const until = Date.now() + 20_000; Date.now() < until && doc.state !== 'submitted'; await sleep(100)) {
    doc = (await admin(agent.access, 'GET', `/outbox/${localUid}`)).body;
  }
  expect(doc.state).toBe('submitted');

  const forged = buildEnvelope({
    messageId: newMessageId(), action: 'registerDocumentResult', relatesTo: String(doc.messageId),
    body: (b) => writeRegisterDocumentResult(b, {
      relatesToMessage: String(doc.messageId), status: 'success', localUid, kind: '119', registryItem: { emdrId: '77.119.26.11.999999' },
    }),
  });
  const impostor = loadOrCreateRemdIdentity();
  for (const [body, code] of [
    [forged, 'REMD_CALLBACK_UNSIGNED'],
    [await signEnvelope(forged, impostor.signer), 'REMD_CALLBACK_UNTRUSTED'],
  ] as const) {
    const res = await fetch(`${agent.url}/remd/callback`, { method: 'POST', headers: { 'content-type': 'application/soap+xml' }, body });
    expect(res.status).toBe(400);
    expect(parseEnvelope(await res.text()).fault?.errors.map((e) => e.code)).toEqual([code]);
  }
  const after = (await admin(agent.access, 'GET', `/outbox/${localUid}`)).body;
  expect(after).toMatchObject({ state: 'submitted' });
  expect(after.emdrId).toBeUndefined();
  expect(agent.logLines.some((l) => l.includes('remd.callback-refused') && l.includes('REMD_CALLBACK_UNTRUSTED'))).toBe(true);
});
