/**
 * A clinic whose care facts lack what the official 119 Schematron requires
 * (here the place of the visit, NSI 1008, rule У3-4), over the demo agent's
 * real WebSocket and its sandbox: before the PIN the finding is only a
 * warning on the care fact (the doctor cannot fix it on the form), the
 * document is signed anyway, the sandbox refuses it as REMD does (Schematron
 * enforced: VALIDATION_ERROR), and the outbox holds it as rejected, the error
 * on the care fact, without trying again.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoCareFacts, demoToken } from '../../../../agent/demo/demo-clinic.ts';
import type { AgentFrame } from '../../../../shared/protocol/messages.ts';
import { pairedAgentSocket, type AgentSocket } from '../../../support/agent-ws-client.ts';
import { startDemoAgent, type DemoAgent } from '../../../support/demo-agent.ts';
import { consultation } from '../consultation-record.ts';

let agent: DemoAgent;
let client: AgentSocket;

beforeAll(async () => {
  const { visitPlace: _missing, ...careFacts } = demoCareFacts;
  agent = await startDemoAgent({ careFacts });
  client = await pairedAgentSocket(agent.port, () => agent.pairing.issueCode());
});

afterAll(async () => {
  client?.close();
  await agent?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a care fact the Schematron misses: a warning before the PIN, signed, refused by REMD, held as rejected', async () => {
  client.send({ type: 'prepare', id: 'p1', origin: 'http://127.0.0.1', record: consultation() });
  const prepared = await client.until((f) => 'id' in f && f.id === 'p1');
  if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
  const findings = prepared.issues.filter((i) => i.code === 'DOCUMENT_SCHEMATRON_FAILED');
  expect(findings.length).toBeGreaterThan(0);
  expect(findings.every((i) => i.severity === 'warning' && i.path === 'careFacts.visitPlace')).toBe(true);
  expect(findings[0]!.message).toContain('У3-4');
  // The code it names is the one the sandbox answers below, as REMD does for a Schematron finding.
  expect(findings[0]!.remdCode).toBe('VALIDATION_ERROR');

  client.send({ type: 'sign', id: 's1', jobId: prepared.jobId, pin: demoToken.pin, certificate: prepared.certificate.fingerprint });
  const isSettled = (f: AgentFrame) => f.type === 'job' && f.jobId === prepared.jobId && (f.state === 'rejected' || f.state === 'registered');
  const settled = await client.until(isSettled);
  if (settled.type !== 'job') throw new Error('not a job frame');
  expect(settled.state).toBe('rejected');
  expect(settled.errors?.length).toBeGreaterThan(0);
  expect(settled.errors).toContainEqual(expect.objectContaining({ code: 'VALIDATION_ERROR', path: 'careFacts.visitPlace', message: expect.stringContaining('У3-4') }));

  const localUid = settled.localUid!;
  const held = agent.outbox.get(localUid)!;
  expect(held).toMatchObject({ state: 'rejected', attempts: 1 });
  const errors = JSON.parse(held.errors!) as { code: string; path?: string }[];
  expect(errors.every((e) => e.code === 'VALIDATION_ERROR')).toBe(true);
  expect(errors.map((e) => e.path)).toContain('careFacts.visitPlace');

  // Not tried again: a while later it is still the one attempt, and REMD registered nothing.
  await sleep(1_000);
  expect(agent.outbox.get(localUid)).toMatchObject({ state: 'rejected', attempts: 1 });
  expect(agent.outbox.journal(localUid).map((j) => j.to)).toEqual(['signed', 'submitted', 'rejected']);
  const registry = (await (await fetch(`${agent.url}/sandbox/registry`)).json()) as { localUid: string }[];
  expect(registry.some((r) => r.localUid === localUid)).toBe(false);
});
