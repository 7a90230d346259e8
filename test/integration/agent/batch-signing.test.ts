/**
 * Batch signing over the real WebSocket and a SoftHSM2 token: several
 * prepared documents, one PIN, one login; all registered, or none signed.
 */
import { describe, expect, test } from 'vitest';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import { MAX_BATCH_DOCUMENTS, type AgentFrame } from '../../../shared/protocol/messages.ts';
import { pairedAgentSocket } from '../../support/agent-ws-client.ts';
import { usePairedAgent } from '../../support/paired-agent.ts';
import { consultation } from './consultation-record.ts';

const paired = usePairedAgent();

const isAnswer = (id: string) => (f: AgentFrame) => 'id' in f && f.id === id;

async function prepareMany(count: number, tag: string): Promise<{ jobIds: string[]; fingerprint: string }> {
  const jobIds: string[] = [];
  let fingerprint = '';
  for (let i = 0; i < count; i += 1) {
    const id = `${tag}-${i}`;
    paired.client.send({ type: 'prepare', id, origin: 'http://127.0.0.1', record: consultation(`Пакет ${tag}, документ ${i}. Состояние удовлетворительное.`) });
    const prepared = await paired.client.until(isAnswer(id));
    if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
    jobIds.push(prepared.jobId);
    fingerprint = prepared.certificate.fingerprint;
  }
  return { jobIds, fingerprint };
}

const signedCount = () => paired.agent.logLines.filter((line) => line.includes('job.signed')).length;

describe('sign-batch', () => {
  test('a wrong PIN signs nothing and leaves every job prepared', async () => {
    const { jobIds, fingerprint } = await prepareMany(2, 'w');
    paired.client.send({ type: 'sign-batch', id: 'b0', jobIds, pin: '999999', certificate: fingerprint });
    expect(await paired.client.until((f) => f.type === 'error' && f.id === 'b0')).toMatchObject({ code: 'TOKEN_PIN_INCORRECT' });
    expect(signedCount()).toBe(0);
    expect(paired.agent.outbox.list({ clientId: paired.client.clientId })).toEqual([]);

    // The jobs are still there: the right PIN signs them afterwards.
    paired.client.send({ type: 'sign-batch', id: 'b0b', jobIds, pin: demoToken.pin, certificate: fingerprint });
    expect(await paired.client.until(isAnswer('b0b'))).toMatchObject({ type: 'batch-signed' });
  });

  test('N documents, one PIN: each job reports its state and all are registered', async () => {
    const { jobIds, fingerprint } = await prepareMany(4, 'n');
    const before = signedCount();
    paired.client.send({ type: 'sign-batch', id: 'b1', jobIds, pin: demoToken.pin, certificate: fingerprint });
    // A document may be registered before the last one is queued: read every frame in order.
    let done: Extract<AgentFrame, { type: 'batch-signed' }> | undefined;
    const registered = new Map<string, string>();
    while (!done || registered.size < jobIds.length) {
      const frame = await paired.client.next();
      if (frame.type === 'error') throw new Error(JSON.stringify(frame));
      if (frame.type === 'batch-signed' && frame.id === 'b1') done = frame;
      if (frame.type === 'job' && frame.state === 'registered' && jobIds.includes(frame.jobId)) registered.set(frame.jobId, frame.emdrId!);
    }
    expect(done.jobs.map((j) => j.jobId)).toEqual(jobIds);
    expect(done.jobs.every((j) => j.state === 'sending' && j.localUid)).toBe(true);
    expect(signedCount() - before).toBe(4);

    const registry = (await (await fetch(`${paired.agent.url}/sandbox/registry`)).json()) as { localUid: string; emdrId: string }[];
    for (const job of done.jobs) {
      expect(registry).toContainEqual(expect.objectContaining({ localUid: job.localUid, emdrId: registered.get(job.jobId) }));
    }
    expect(paired.agent.logLines.join('\n')).not.toContain(demoToken.pin);

    // Signed jobs are gone from the prepared list: a second batch of them is refused.
    paired.client.send({ type: 'sign-batch', id: 'b2', jobIds, pin: demoToken.pin, certificate: fingerprint });
    expect(await paired.client.until(isAnswer('b2'))).toMatchObject({ type: 'error', code: 'AGENT_JOB_NOT_FOUND' });
  });

  test(`a batch over ${MAX_BATCH_DOCUMENTS} documents is refused before anything is signed`, async () => {
    const { jobIds, fingerprint } = await prepareMany(1, 'l');
    const tooMany = [...jobIds, ...Array.from({ length: MAX_BATCH_DOCUMENTS }, (_, i) => `job-${i}`)];
    const before = signedCount();
    paired.client.send({ type: 'sign-batch', id: 'b3', jobIds: tooMany, pin: demoToken.pin, certificate: fingerprint });
    const refused = await paired.client.until(isAnswer('b3'));
    expect(refused).toMatchObject({ type: 'error', code: 'BATCH_TOO_LARGE' });
    if (refused.type === 'error') expect(refused.message).toContain('не больше 200 документов');
    expect(signedCount()).toBe(before);
  });

  test('another install\'s job in the batch refuses the whole batch', async () => {
    const own = await prepareMany(1, 'o');
    const intruder = await pairedAgentSocket(paired.agent.port, () => paired.agent.pairing.issueCode());
    intruder.send({ type: 'sign-batch', id: 'x1', jobIds: own.jobIds, pin: demoToken.pin, certificate: own.fingerprint });
    expect(await intruder.until(isAnswer('x1'))).toMatchObject({ type: 'error', code: 'AGENT_JOB_NOT_FOUND' });
    intruder.close();
  });
});
