/**
 * Visits for the treatment-case tests: consultation drafts of a few patients
 * by the demo doctor, signed and queued through a paired agent socket the
 * way the extension does it (prepare, then sign with the demo token's PIN).
 */
import { demoToken } from '../../agent/demo/demo-clinic.ts';
import type { DraftRecord } from '../../shared/domain/record.ts';
import type { AgentFrame } from '../../shared/protocol/messages.ts';
import type { AgentSocket } from './agent-ws-client.ts';

type DraftPatient = NonNullable<DraftRecord['patient']>;

export const PETROV = { snils: '15642781886', lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич', birthDate: '1980-05-14', gender: 'male' } satisfies DraftPatient;
export const SIDOROVA = { snils: '08765432102', lastName: 'Сидорова', firstName: 'Анна', middleName: 'Олеговна', birthDate: '1992-07-30', gender: 'female' } satisfies DraftPatient;
/** Not in the sandbox's ГИП: REMD adds him on the first registration. */
export const KOZLOV = { snils: '40150060091', lastName: 'Козлов', firstName: 'Пётр', birthDate: '1967-01-09', gender: 'male' } satisfies DraftPatient;

/** YYYY-MM-DD n days before today (UTC). */
export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export const caseVisit = (visitDate: string, code: string, conclusion: string, patient: DraftPatient = PETROV): DraftRecord => ({
  patient,
  practitioner: { snils: '11223344595', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' },
  encounter: { visitDate, diagnoses: [{ code, role: 'main' }], conclusion },
  document: { kind: '119' },
});

let n = 0;

/** Prepares and signs a visit; answers its localUid once it is in the outbox. */
export async function signVisit(client: AgentSocket, record: DraftRecord): Promise<string> {
  const id = `visit-${++n}`;
  client.send({ type: 'prepare', id, origin: 'http://127.0.0.1', record });
  const prepared = await client.until((f: AgentFrame) => 'id' in f && f.id === id);
  if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
  client.send({ type: 'sign', id: `${id}s`, jobId: prepared.jobId, pin: demoToken.pin, certificate: prepared.certificate.fingerprint });
  const sent = await client.until((f: AgentFrame) => 'id' in f && f.id === `${id}s` && f.type === 'job' && f.state === 'sending');
  return (sent as Extract<AgentFrame, { type: 'job' }>).localUid!;
}
