/**
 * What the extension popup asks the agent over the real WebSocket: the
 * token's certificates with their expiry warnings, and this install's queue.
 */
import { describe, expect, test } from 'vitest';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import type { AgentFrame } from '../../../shared/protocol/messages.ts';
import { pairedAgentSocket, type AgentSocket } from '../../support/agent-ws-client.ts';
import { usePairedAgent } from '../../support/paired-agent.ts';
import { consultation } from './consultation-record.ts';

const DAY_MS = 86_400_000;
// The doctor's certificate runs out in 10 days: inside the 14-day warning.
const paired = usePairedAgent({ certificate: { validTo: new Date(Date.now() + 10 * DAY_MS) } });

const isAnswer = (id: string) => (f: AgentFrame) => 'id' in f && f.id === id;

/** Sends a request and expects an answer of type `T`. */
async function ask<T extends AgentFrame['type']>(socket: AgentSocket, answerType: T, frame: { type: string; id: string } & Record<string, unknown>) {
  socket.send(frame);
  const answer = await socket.until(isAnswer(frame.id));
  if (answer.type !== answerType) throw new Error(JSON.stringify(answer));
  return answer as Extract<AgentFrame, { type: T }>;
}

describe('certificates', () => {
  test('lists the token certificate with its 14-day expiry warning in Russian', async () => {
    const { certificates } = await ask(paired.client, 'certificates', { type: 'certificates', id: 'c1' });
    expect(certificates).toHaveLength(1);
    const [certificate] = certificates;
    expect(certificate).toMatchObject({ owner: 'Иванова Мария Петровна', snils: '11223344595' });
    expect(new Date(certificate!.notAfter).getTime()).toBeGreaterThan(Date.now() + 9 * DAY_MS);
    expect(certificate!.warnings).toEqual([
      expect.objectContaining({ code: 'TOKEN_CERT_EXPIRES_IN_14_DAYS', severity: 'warning', message: expect.stringMatching(/действует ещё 1\d дн\./) }),
    ]);
  });
});

describe('queue', () => {
  test('shows this install its own documents, registered with the emdrId; another install sees none', async () => {
    expect((await ask(paired.client, 'queue', { type: 'queue', id: 'q0' })).documents).toEqual([]);
    const prepared = await ask(paired.client, 'prepared', { type: 'prepare', id: 'p1', origin: 'http://127.0.0.1', record: consultation() });
    paired.client.send({ type: 'sign', id: 's1', jobId: prepared.jobId, pin: demoToken.pin, certificate: prepared.certificate.fingerprint });
    const registered = await paired.client.until((f) => f.type === 'job' && f.jobId === prepared.jobId && f.state === 'registered');
    if (registered.type !== 'job') throw new Error('not a job frame');

    const { documents } = await ask(paired.client, 'queue', { type: 'queue', id: 'q1' });
    expect(documents).toEqual([
      expect.objectContaining({ jobId: prepared.jobId, localUid: registered.localUid, kind: '119', state: 'registered', emdrId: registered.emdrId }),
    ]);
    expect(Date.parse(documents[0]!.createdAt)).not.toBeNaN();

    const other = await pairedAgentSocket(paired.agent.port, () => paired.agent.pairing.issueCode());
    expect((await ask(other, 'queue', { type: 'queue', id: 'q2' })).documents).toEqual([]);
    other.close();
  });
});
