/**
 * Treatment cases over a real agent: visits signed through the WebSocket are
 * grouped into cases (same patient, same МКБ-10 category, within 30 days),
 * the grouping is edited through /admin/v1/cases, and a case goes to the
 * sandbox's IEMK (AddCase, AddStepToCase, AddMedRecord, CloseCase) — on
 * request, and by itself once REMD registers a visit or the case is closed.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readAdminAccess } from '../../../../agent/gateway/admin-access.ts';
import type { DraftRecord } from '../../../../shared/domain/record.ts';
import type { AgentFrame } from '../../../../shared/protocol/messages.ts';
import { pairedAgentSocket, type AgentSocket } from '../../../support/agent-ws-client.ts';
import { caseVisit, daysAgo, KOZLOV, PETROV, SIDOROVA, signVisit as signVisitOn } from '../../../support/case-visits.ts';
import { startDemoAgent, type DemoAgent } from '../../../support/demo-agent.ts';

const run = promisify(execFile);
let agent: DemoAgent;
let client: AgentSocket;
let token: string;
const SNILS = PETROV.snils;

const visit = caseVisit;
const signVisit = (record: DraftRecord) => signVisitOn(client, record);

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
    closeDate: daysAgo(1), idCaseResult: '1',
    steps: [
      { idStepMis: cold1, diagnoses: [{ mkbCode: 'J06.9', main: true }], documents: [{ idDocumentMis: cold1, type: 'ConsultNote' }] },
      { idStepMis: cold2, diagnoses: [{ mkbCode: 'J06.0', main: true }], documents: [{ idDocumentMis: cold2, type: 'ConsultNote' }] },
    ],
  });
  expect(iemk.find((c) => c.idCaseMis === cases[1].caseId)?.steps).toHaveLength(1);
});

test('the cases API wants the admin token and a valid SNILS', async () => {
  expect((await fetch(`${agent.url}/admin/v1/cases?snils=${SNILS}`)).status).toBe(401);
  expect((await api('?snils=123')).status).toBe(400);
});

/** Polls until `probe` answers something (the IEMK sync runs in the background, a visit settling 5 s first). */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 40_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const found = await probe();
    if (found) return found;
  }
  throw new Error(`timed out: ${JSON.stringify((await api('/iemk-sync')).json)}`);
}

const iemkCase = (caseId: string) => async () =>
  ((await (await fetch(`${agent.url}/sandbox/iemk/cases`)).json()) as any[]).find((c) => c.idCaseMis === caseId);

test('a registered visit reaches the IEMK by itself, and closing its case closes it there', async () => {
  const sore = await signVisit(visit(daysAgo(3), 'J02.9', 'Боль в горле при глотании.', SIDOROVA));
  // Nobody called /iemk: REMD's registration did. Wait for the step too, not just AddCase.
  const sent = await eventually(async () => {
    const found = await iemkCase(sore)();
    return found?.steps.length ? found : undefined;
  });
  expect(sent).toMatchObject({ steps: [{ idStepMis: sore, diagnoses: [{ mkbCode: 'J02.9', main: true }], documents: [{ idDocumentMis: sore }] }] });
  expect(sent.closeDate).toBeUndefined();
  // The IEMK record links to the document's REMD registration.
  const registry = (await (await fetch(`${agent.url}/sandbox/registry`)).json()) as { localUid: string; emdrId: string }[];
  expect(sent.steps[0].documents[0].remdLinks).toEqual([registry.find((e) => e.localUid === sore)!.emdrId]);

  expect((await api(`/${sore}/close`, { closeDate: daysAgo(0), result: '1' })).status).toBe(200);
  expect(await eventually(async () => (await iemkCase(sore)())?.closeDate)).toBe(daysAgo(0));
  const status = await eventually(async () => {
    const reply = (await api('/iemk-sync')).json;
    return reply.queue.length === 0 ? reply : undefined;
  });
  expect(status).toEqual({ configured: true, queue: [] });
  expect((await api(`?snils=08765432102`)).json[0].iemk).toEqual({ opened: true, closed: true, steps: [sore] });

  const cli = await run(process.execPath, [new URL('../../../../agent/bin/egisz-agent.js', import.meta.url).pathname, 'cases', 'iemk-sync', '--data-dir', agent.dataDir]);
  expect(cli.stdout).toBe('очередь ИЭМК пуста: все случаи переданы\n');
});

/** A `cases` or `case-edit` request over the paired socket, the way the extension's cases page sends it. */
let frames = 0;
async function casesFrame(request: Record<string, unknown>): Promise<AgentFrame> {
  const id = `k${++frames}`;
  client.send({ id, ...request });
  return client.until((f: AgentFrame) => 'id' in f && f.id === id);
}

test('the cases page\'s frames: list, split, merge, close — and edits that name another patient\'s visit are refused', async () => {
  const first = await signVisit(visit(daysAgo(8), 'I10', 'Давление 150/95.', KOZLOV));
  const second = await signVisit(visit(daysAgo(2), 'I10', 'Давление 135/85 на фоне лечения.', KOZLOV));
  const ids = (f: AgentFrame) => (f.type === 'cases' ? f.cases.map((c) => c.visits.map((v) => v.localUid)) : f);

  const listed = await casesFrame({ type: 'cases', snils: KOZLOV.snils });
  expect(ids(listed)).toEqual([[first, second]]);
  expect(listed.type === 'cases' && listed.cases[0]!.patient).toEqual({ snils: KOZLOV.snils, name: 'Козлов Пётр' });
  const recent = await casesFrame({ type: 'cases' });
  expect(recent.type === 'cases' && recent.cases.some((c) => c.caseId === first)).toBe(true);

  expect(ids(await casesFrame({ type: 'case-edit', snils: KOZLOV.snils, edit: { action: 'split', localUid: second } }))).toEqual([[first], [second]]);
  expect(ids(await casesFrame({ type: 'case-edit', snils: KOZLOV.snils, edit: { action: 'merge', caseId: second, intoCaseId: first } }))).toEqual([[first, second]]);

  const stranger = await casesFrame({ type: 'case-edit', snils: KOZLOV.snils, edit: { action: 'split', localUid: randomUUID() } });
  expect(stranger).toMatchObject({ type: 'error', code: 'CASE_NOT_FOUND', message: expect.stringContaining('Обновите страницу') });
  const early = await casesFrame({ type: 'case-edit', snils: KOZLOV.snils, edit: { action: 'close', caseId: first, closeDate: daysAgo(5) } });
  expect(early).toMatchObject({ type: 'error', code: 'CASE_EDIT_INVALID' });
  // A malformed frame is refused before anything reads its id.
  client.send({ id: 'bad', type: 'case-edit', snils: '123', edit: { action: 'split', localUid: first } });
  expect(await client.until((f: AgentFrame) => f.type === 'error')).toMatchObject({ code: 'AGENT_BAD_FRAME' });

  const closed = await casesFrame({ type: 'case-edit', snils: KOZLOV.snils, edit: { action: 'close', caseId: first, closeDate: daysAgo(1), result: '1' } });
  expect(closed.type === 'cases' && closed.cases[0]).toMatchObject({ caseId: first, closeDate: daysAgo(1), closedBy: 'user' });
  // The close reaches the IEMK by itself once both visits are registered there.
  expect(await eventually(async () => (await iemkCase(first)())?.closeDate)).toBe(daysAgo(1));
});

test('a consultation and the referral written at it are one visit: one IEMK step carrying both documents', async () => {
  const day = daysAgo(4);
  const patient = { ...SIDOROVA, address: 'г. Москва, ул. Тверская, д. 7, кв. 12' };
  // Signed together, as at the end of a visit: a referral signed later than the settle time after the consultation's
  // registration joins the case by AddMedRecord instead (a loaded machine made that happen here).
  // Another socket, as another install would: one socket's `until` drops the frames it skips.
  const second = await pairedAgentSocket(agent.port, () => agent.pairing.issueCode());
  const [consult, referral] = await Promise.all([
    signVisit(visit(day, 'I20.8', 'Давящие боли за грудиной при нагрузке.', patient)),
    signVisitOn(second, {
      ...visit(day, 'I20.8', 'Направлена к кардиологу.', patient), document: { kind: '185' },
      referral: { organization: { oid: '1.2.643.5.1.13.13.12.2.77.7702', name: 'ГБУЗ «Консультативно-диагностический центр № 2»' }, service: 'Консультация врача-кардиолога' },
    }),
  ]).finally(() => second.close());
  const sent = await eventually(async () => {
    const found = await iemkCase(consult)();
    return found?.steps[0]?.documents.length === 2 ? found : undefined;
  });
  expect(sent.steps).toHaveLength(1);
  expect(sent.steps[0]).toMatchObject({ idStepMis: consult, diagnoses: [{ mkbCode: 'I20.8', main: true }] });
  expect(sent.steps[0].documents.map((d: any) => [d.idDocumentMis, d.type])).toEqual([[consult, 'ConsultNote'], [referral, 'Referral']]);

  const listed = (await api(`?snils=${SIDOROVA.snils}`)).json.find((c: any) => c.caseId === consult);
  expect(listed.visits).toHaveLength(1);
  expect(listed.visits[0]).toMatchObject({ localUid: consult, visitDate: day, doctor: 'Иванова Мария Петровна' });
  expect(listed.visits[0].documents.map((d: any) => [d.localUid, d.kind, d.inIemk])).toEqual([[consult, '119', true], [referral, '185', true]]);
});
