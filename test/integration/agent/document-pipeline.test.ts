/**
 * The agent's document pipeline over its real WebSocket, as the extension
 * drives it: prepare → PIN → SoftHSM2 signature → outbox → sandbox → callback.
 */
import { describe, expect, test } from 'vitest';
import { verifyAuditJournal } from '../../../agent/audit/audit-journal.ts';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import type { DraftRecord } from '../../../shared/domain/record.ts';
import type { AgentFrame } from '../../../shared/protocol/messages.ts';
import { pairedAgentSocket, type AgentSocket } from '../../support/agent-ws-client.ts';
import { usePairedAgent } from '../../support/paired-agent.ts';

const paired = usePairedAgent();

/** What the content script scrapes from the demo MIS page. */
const scraped = (): DraftRecord => ({
  patient: { snils: '15642781886', lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич', birthDate: '1980-05-14', gender: 'male' },
  practitioner: { snils: '11223344595', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' },
  encounter: {
    visitDate: new Date().toISOString().slice(0, 10),
    diagnoses: [{ code: 'J06.9', role: 'main' }],
    conclusion: 'Состояние удовлетворительное. Рекомендовано обильное питьё.',
  },
  document: { kind: '119' },
});

const isAnswer = (id: string) => (f: AgentFrame) => 'id' in f && f.id === id;

async function prepare(socket: AgentSocket, id: string, record: DraftRecord) {
  socket.send({ type: 'prepare', id, origin: 'http://127.0.0.1', record });
  return socket.until(isAnswer(id));
}

describe('a consultation from the demo MIS', () => {
  test('is prepared, refused with a wrong PIN, then signed and registered', async () => {
    const prepared = await prepare(paired.client, 'p1', scraped());
    if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
    expect(prepared.preview.kind).toBe('119');
    // The demo clinic's care facts complete the document: the official 119.sch finds nothing.
    expect(prepared.issues.filter((i) => i.code.startsWith('DOCUMENT_'))).toEqual([]);
    expect(prepared.preview.html).toContain('Петров Иван Сергеевич');
    expect(prepared.preview.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(prepared.certificate).toMatchObject({ owner: 'Иванова Мария Петровна', snils: '11223344595' });

    const { jobId } = prepared;
    const fingerprint = prepared.certificate.fingerprint;
    paired.client.send({ type: 'sign', id: 's1', jobId, pin: '999999', certificate: fingerprint });
    const refused = await paired.client.until((f) => f.type === 'error' && f.id === 's1');
    expect(refused).toMatchObject({ code: 'TOKEN_PIN_INCORRECT' });

    paired.client.send({ type: 'sign', id: 's2', jobId, pin: demoToken.pin, certificate: fingerprint });
    const registered = await paired.client.until((f) => f.type === 'job' && f.jobId === jobId && f.state === 'registered');
    if (registered.type !== 'job') throw new Error('not a job frame');
    expect(registered.emdrId).toMatch(/^77\.119\.\d{2}\.\d{2}\.\d+$/);

    const registry = (await (await fetch(`${paired.agent.url}/sandbox/registry`)).json()) as { localUid: string; emdrId: string }[];
    expect(registry).toContainEqual(expect.objectContaining({ localUid: registered.localUid, emdrId: registered.emdrId }));
    expect(paired.agent.outbox.get(registered.localUid!)?.state).toBe('registered');
    expect(verifyAuditJournal(paired.agent.dataDir)).toMatchObject({ ok: true });

    const logs = paired.agent.logLines.join('\n');
    expect(logs).not.toContain(demoToken.pin);
    expect(logs).not.toContain('999999');
    expect(logs).not.toContain('Петров');
    expect(logs).not.toContain('15642781886');
  });

  test('a second signature of a finished job is refused', async () => {
    const prepared = await prepare(paired.client, 'p2', scraped());
    if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
    const sign = { type: 'sign', jobId: prepared.jobId, pin: demoToken.pin, certificate: prepared.certificate.fingerprint };
    paired.client.send({ ...sign, id: 's3' });
    await paired.client.until((f) => f.type === 'job' && f.id === 's3' && f.state === 'sending');
    paired.client.send({ ...sign, id: 's4' });
    expect(await paired.client.until(isAnswer('s4'))).toMatchObject({ type: 'error', code: 'AGENT_JOB_NOT_FOUND' });
  });
});

describe('refusals', () => {
  test('a record with a bad SNILS checksum is refused with the issue on its field', async () => {
    const record = scraped();
    record.patient!.snils = '15642781887';
    const answer = await prepare(paired.client, 'p3', record);
    expect(answer).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    if (answer.type !== 'error') return;
    expect(answer.issues?.some((i) => i.path === 'patient.snils' && i.severity === 'error')).toBe(true);
  });

  test('another paired install cannot sign this install\'s job', async () => {
    const prepared = await prepare(paired.client, 'p4', scraped());
    if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
    const intruder = await pairedAgentSocket(paired.agent.port, () => paired.agent.pairing.issueCode());
    intruder.send({ type: 'sign', id: 'x1', jobId: prepared.jobId, pin: demoToken.pin, certificate: prepared.certificate.fingerprint });
    expect(await intruder.until(isAnswer('x1'))).toMatchObject({ type: 'error', code: 'AGENT_JOB_NOT_FOUND' });
    intruder.close();
  });

  test('a confirmation bound to another certificate is refused', async () => {
    const prepared = await prepare(paired.client, 'p5', scraped());
    if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
    paired.client.send({ type: 'sign', id: 's5', jobId: prepared.jobId, pin: demoToken.pin, certificate: 'ab'.repeat(32) });
    expect(await paired.client.until(isAnswer('s5'))).toMatchObject({ type: 'error', code: 'DOCUMENT_CERTIFICATE_REJECTED' });
  });
});
