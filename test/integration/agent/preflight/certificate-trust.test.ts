/**
 * The doctor's certificate must chain to an accredited CA and not be revoked,
 * over the demo agent's real WebSocket: the demo CA (trusted in demo mode)
 * serves its CRL from the agent's sandbox at the certificate's distribution
 * point. A certificate revoked before the PIN is refused there, naming the
 * NSI 305 code; one revoked after it was prepared is signed, and the sandbox
 * refuses it with that code. A certificate from a CA not on the list likewise
 * never reaches the PIN.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { demoToken } from '../../../../agent/demo/demo-clinic.ts';
import { parseCertificate } from '../../../../agent/signing/certificate.ts';
import type { AgentFrame } from '../../../../shared/protocol/messages.ts';
import { pairedAgentSocket, type AgentSocket } from '../../../support/agent-ws-client.ts';
import { startDemoAgent, type DemoAgent } from '../../../support/demo-agent.ts';
import { consultation } from '../consultation-record.ts';

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()?.();
});
afterAll(async () => {
  while (stops.length) await stops.pop()?.();
});

async function demo(opts: Parameters<typeof startDemoAgent>[0] = {}): Promise<{ agent: DemoAgent; client: AgentSocket }> {
  const agent = await startDemoAgent(opts);
  stops.push(() => agent.stop());
  const client = await pairedAgentSocket(agent.port, () => agent.pairing.issueCode());
  stops.push(() => client.close());
  return { agent, client };
}

async function revokeDoctorCertificate(agent: DemoAgent): Promise<void> {
  const serial = parseCertificate(new Uint8Array(readFileSync(join(agent.dataDir, 'demo-token', 'holder.der')))).serialNumberHex;
  const res = await fetch(`${agent.url}/sandbox/ca/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serialNumber: serial }) });
  expect(res.status).toBe(200);
}

async function prepare(client: AgentSocket, id: string): Promise<AgentFrame> {
  client.send({ type: 'prepare', id, origin: 'http://127.0.0.1', record: consultation() });
  return client.until((f) => 'id' in f && f.id === id);
}

const issuesOf = (frame: AgentFrame) => (frame.type === 'error' || frame.type === 'prepared' ? frame.issues ?? [] : []);

test('a revoked demo certificate is refused before the PIN, naming the code REMD would answer', async () => {
  const { agent, client } = await demo();
  await revokeDoctorCertificate(agent);
  const answer = await prepare(client, 'p1');
  expect(answer.type).not.toBe('prepared');
  expect(issuesOf(answer)).toContainEqual(expect.objectContaining({
    code: 'TOKEN_CERT_REVOKED', severity: 'error', remdCode: 'CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT',
    message: expect.stringContaining('Получите новый сертификат'),
  }));
});

test('the popup\'s certificate list shows the revocation before the doctor needs the certificate', async () => {
  const listed = async (client: AgentSocket) => {
    client.send({ type: 'certificates', id: 'c1' });
    const reply = await client.until((f) => 'id' in f && f.id === 'c1');
    if (reply.type !== 'certificates') throw new Error(JSON.stringify(reply));
    return reply.certificates.flatMap((c) => c.warnings.map((w) => w.code));
  };
  expect(await listed((await demo()).client)).not.toContain('TOKEN_CERT_REVOKED');
  // Revoked before anything fetched the CRL (the demo CA's list lives 60 s and is cached as long).
  const { agent, client } = await demo();
  await revokeDoctorCertificate(agent);
  expect(await listed(client)).toContain('TOKEN_CERT_REVOKED');
});

test('revoked after it was prepared: signed, and the sandbox refuses it with CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT', async () => {
  const { agent, client } = await demo();
  const prepared = await prepare(client, 'p1');
  if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
  expect(prepared.issues.filter((i) => i.code.startsWith('TOKEN_CERT_'))).toEqual([]);
  await revokeDoctorCertificate(agent);
  client.send({ type: 'sign', id: 's1', jobId: prepared.jobId, pin: demoToken.pin, certificate: prepared.certificate.fingerprint });
  const settled = await client.until((f) => f.type === 'job' && f.jobId === prepared.jobId && (f.state === 'rejected' || f.state === 'registered'));
  if (settled.type !== 'job') throw new Error('not a job frame');
  expect(settled.state).toBe('rejected');
  expect(settled.errors?.map((e) => e.code)).toEqual(['CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT']);
});

test('a certificate from a CA not on the accredited list never reaches the PIN', async () => {
  const otherCa = mkdtempSync(join(tmpdir(), 'other-ca-'));
  stops.push(() => rmSync(otherCa, { recursive: true, force: true }));
  const { client } = await demo({ certificate: { caDir: otherCa } });
  const answer = await prepare(client, 'p1');
  expect(answer.type).not.toBe('prepared');
  expect(issuesOf(answer)).toContainEqual(expect.objectContaining({
    code: 'TOKEN_CERT_UNTRUSTED_CA', severity: 'error', remdCode: 'CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT',
    message: expect.stringContaining('нет в списке аккредитованных'),
  }));
});
