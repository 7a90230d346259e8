/**
 * Treatment cases over a real agent: visits signed through the WebSocket are
 * grouped into cases (same patient, same МКБ-10 category, within 30 days),
 * the grouping is edited through /admin/v1/cases, and a case goes to the
 * sandbox's IEMK (AddCase, AddStepToCase, AddMedRecord, CloseCase).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoToken } from '../../../../agent/demo/demo-clinic.ts';
import { readAdminAccess } from '../../../../agent/gateway/admin-access.ts';
import type { DraftRecord } from '../../../../shared/domain/record.ts';
import type { AgentFrame } from '../../../../shared/protocol/messages.ts';
import { pairedAgentSocket, type AgentSocket } from '../../../support/agent-ws-client.ts';
import { startDemoAgent, type DemoAgent } from '../../../support/demo-agent.ts';

let agent: DemoAgent;
let client: AgentSocket;
let token: string;
const SNILS = '15642781886';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const visit = (visitDate: string, code: string, conclusion: string): DraftRecord => ({
  patient: { snils: SNILS, lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич', birthDate: '1980-05-14', gender: 'male' },
  practitioner: { snils: '11223344595', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' },
  encounter: { visitDate, diagnoses: [{ code, role: 'main' }], conclusion },
  document: { kind: '119' },
});

let n = 0;
async function signVisit(record: DraftRecord): Promise<string> {
  const id = `c${++n}`;
  client.send({ type: 'prepare', id, origin: 'http://127.0.0.1', record });
  const prepared = await client.until((f: AgentFrame) => 'id' in f && f.id === id);
  if (prepared.type !== 'prepared') throw new Error(JSON.stringify(prepared));
  client.send({ type: 'sign', id: `${id}s`, jobId: prepared.jobId, pin: demoToken.pin, certificate: prepared.certificate.fingerprint });
  const sent = await client.until((f: AgentFrame) => 'id' in f && f.id === `${id}s` && f.type === 'job' && f.state === 'sending');
  return (sent as Extract<AgentFrame, { type: 'job' }>).localUid!;
}

async function api(path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${agent.url}/admin/v1/cases${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  agent = await startDemoAgent();
  client = await pairedAgentSocket(agent.port, () => agent.pairing.issueCode());
  token = readAdminAccess(agent.dataDir)!.token;
});

afterAll(async () => {
  client?.close();
  await agent?.stop();
});

test('visits become cases, the grouping is editable, and a case goes to the IEMK', async () => {
  const cold1 = await signVisit(visit(daysAgo(20), 'J06.9', 'Насморк, першение в горле.'));
  const cold2 = await signVisit(visit(daysAgo(10), 'J06.0', 'Повторный приём: кашель сохраняется.'));
  const back = await signVisit(visit(daysAgo(5), 'M54.5', 'Боль в пояснице после нагрузки.'));

  let cases = (await api(`?snils=${SNILS}`)).json;
  expect(cases.map((c: any) => c.visits.map((v: any) => v.localUid))).toEqual([[cold1, cold2], [back]]);
  expect(cases[0]).toMatchObject({ category: 'J06', openDate: daysAgo(20) });

  expect((await api('/move', { localUid: cold2, caseId: cold2 })).status).toBe(200);
  cases = (await api(`?snils=${SNILS}`)).json;
  expect(cases).toHaveLength(3);
  await api('/move', { localUid: cold2 });
  cases = (await api(`?snils=${SNILS}`)).json;
  expect(cases).toHaveLength(2);

  const coldCase = cases[0].caseId as string;
  expect((await api(`/${coldCase}/close`, { closeDate: daysAgo(1), result: '1' })).status).toBe(200);
  const sent = await api(`/${coldCase}/iemk`, { snils: SNILS });
  expect(sent).toMatchObject({ status: 200, json: { opened: true, closed: true, steps: [cold1, cold2] } });
  const again = await api(`/${coldCase}/iemk`, { snils: SNILS }); // resumes: nothing left to send
  expect(again.json).toEqual(sent.json);

  const open = await api(`/${cases[1].caseId}/iemk`, { snils: SNILS });
  expect(open.json).toMatchObject({ opened: true, closed: false, steps: [back] });

  const iemk = (await (await fetch(`${agent.url}/sandbox/iemk/cases`)).json()) as any[];
  expect(iemk.find((c) => c.idCaseMis === coldCase)).toMatchObject({
    closeDate: daysAgo(1), idCaseResult: '1', diagnoses: [{ mkbCode: 'J06.9', main: true }, { mkbCode: 'J06.0', main: true }],
  });
  expect(iemk.find((c) => c.idCaseMis === cases[1].caseId)?.steps).toHaveLength(1);
});

test('the cases API wants the admin token and a valid SNILS', async () => {
  expect((await fetch(`${agent.url}/admin/v1/cases?snils=${SNILS}`)).status).toBe(401);
  expect((await api('?snils=123')).status).toBe(400);
});
