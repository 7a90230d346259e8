/**
 * Roles over real HTTP: a gateway-only agent (outbox, REMD transport,
 * callbacks) and a workstation-only agent (token, pipeline) that forwards
 * signed documents to it with HMAC credentials. Also what the gateway refuses.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import { authorizationHeader } from '../../../agent/gateway/gateway-auth.ts';
import { encodeWireDocument } from '../../../agent/gateway/wire-document.ts';
import { pairedAgentSocket } from '../../support/agent-ws-client.ts';
import { admin, outboxRecord } from '../../support/outbox-records.ts';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

const reg1 = { id: 'reg-1', secret: randomBytes(32).toString('hex') };
const reg2 = { id: 'reg-2', secret: randomBytes(32).toString('hex') };
let gateway: OutboxAgent;
let workstation: OutboxAgent;

beforeAll(async () => {
  gateway = await startOutboxAgent((c) => {
    c.roles = { workstation: false, gateway: true };
    c.workstations = [reg1, reg2];
  });
  workstation = await startOutboxAgent((c) => {
    c.roles = { workstation: true, gateway: false };
    c.sandbox = false;
    c.gateway = { url: gateway.url, ...reg1 };
    // Its certificate comes from the gateway's demo CA, the one the gateway's sandbox trusts.
    c.trustedCa = [join(gateway.dataDir, 'demo-token', 'ca.pem')];
  }, {}, { caDir: join(gateway.dataDir, 'demo-token') });
});

afterAll(async () => {
  await workstation?.stop();
  await gateway?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a workstation signs and forwards; the gateway queues, submits and registers', async () => {
  const localUid = randomUUID();
  const queued = await admin(workstation.access, 'POST', '/submit', { record: outboxRecord(localUid), pin: demoToken.pin });
  expect(queued).toMatchObject({ status: 201, body: { localUid, duplicate: false } });
  let doc: Record<string, unknown> = {};
  for (const until = Date.now() + 20_000; Date.now() < until && doc.state !== 'registered'; await sleep(100)) {
    doc = (await admin(gateway.access, 'GET', `/outbox/${localUid}`)).body;
  }
  expect(doc).toMatchObject({ state: 'registered', clientId: 'reg-1/cli' });
  const registry = (await (await fetch(`${gateway.url}/sandbox/registry`)).json()) as { localUid: string; emdrId: string }[];
  expect(registry).toContainEqual(expect.objectContaining({ localUid, emdrId: doc.emdrId }));

  const again = await admin(workstation.access, 'POST', '/submit', { record: outboxRecord(localUid), pin: demoToken.pin });
  expect(again).toMatchObject({ status: 200, body: { localUid, state: 'registered', duplicate: true } });
  expect(await admin(workstation.access, 'GET', '/outbox')).toMatchObject({ status: 409, body: { code: 'ADMIN_ROLE' } }); // the queue lives on the gateway
  expect(await admin(gateway.access, 'POST', '/submit', { record: outboxRecord(), pin: demoToken.pin })).toMatchObject({ status: 409, body: { code: 'ADMIN_ROLE' } });
});

async function post(cred: { id: string; secret: string }, body: string) {
  const path = '/gateway/v1/documents';
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', authorization: authorizationHeader(cred, 'POST', path, body) },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const forged = (localUid: string) => encodeWireDocument({
  localUid, clientId: 'x', jobId: 'j', kind: '119', semd: new TextEncoder().encode('<ClinicalDocument/>'),
  signature: new Uint8Array([48, 3, 2, 1, 0]), request: JSON.stringify({ localUid }),
});

test('the gateway refuses unknown workstations, wrong secrets and documents whose signature does not verify', async () => {
  const body = forged(randomUUID());
  expect((await post({ id: 'reg-9', secret: reg1.secret }, body)).status).toBe(401);
  expect((await post({ ...reg1, secret: reg2.secret }, body)).status).toBe(401);
  const unsigned = await fetch(`${gateway.url}/gateway/v1/documents`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  expect(unsigned.status).toBe(401);
  const bad = await post(reg1, body);
  expect(bad.status).toBe(400);
  expect(String(bad.body.code)).toMatch(/SIGNATURE|FORMAT|CERT/);
});

test('a workstation sees only its own documents', async () => {
  const listed = (await admin(gateway.access, 'GET', '/outbox?state=registered')).body.documents as { localUid: string }[];
  const localUid = listed[0]!.localUid;
  const path = `/gateway/v1/documents/${localUid}`;
  const ask = async (cred: { id: string; secret: string }) => (await fetch(`${gateway.url}${path}`, {
    headers: { authorization: authorizationHeader(cred, 'GET', path, '') },
  })).status;
  expect(await ask(reg1)).toBe(200);
  expect(await ask(reg2)).toBe(404);
});

test('the extension on a workstation-only agent: prepared, signed, and «registered» relayed back from the gateway', async () => {
  const socket = await pairedAgentSocket(workstation.port, () => workstation.pairing.issueCode());
  try {
    socket.send({ type: 'prepare', id: 'p1', origin: 'http://127.0.0.1', record: outboxRecord() });
    const prepared = await socket.until((f) => f.type !== 'job' && 'id' in f && f.id === 'p1');
    if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
    socket.send({ type: 'sign', id: 's1', jobId: prepared.jobId, pin: demoToken.pin, certificate: prepared.certificate.fingerprint });
    const sending = await socket.until((f) => f.type === 'job' && f.state === 'sending');
    if (sending.type !== 'job') throw new Error('not a job frame');
    const registered = await socket.until((f) => f.type === 'job' && f.jobId === prepared.jobId && f.state === 'registered', 20_000);
    if (registered.type !== 'job') throw new Error('not a job frame');
    expect(registered.emdrId).toMatch(/^77\.119\./);
    expect((await admin(gateway.access, 'GET', `/outbox/${sending.localUid}`)).body).toMatchObject({ state: 'registered', emdrId: registered.emdrId });
    socket.send({ type: 'job-status', id: 'q1', jobId: prepared.jobId });
    expect(await socket.until((f) => 'id' in f && f.id === 'q1')).toMatchObject({ type: 'job', state: 'registered', emdrId: registered.emdrId });
    // The popup's queue on a workstation: the documents it forwarded, with the gateway's verdict.
    socket.send({ type: 'queue', id: 'q2' });
    expect(await socket.until((f) => 'id' in f && f.id === 'q2')).toMatchObject({
      type: 'queue', documents: [{ jobId: prepared.jobId, localUid: sending.localUid, kind: '119', state: 'registered', emdrId: registered.emdrId }],
    });
  } finally {
    socket.close();
  }
});
