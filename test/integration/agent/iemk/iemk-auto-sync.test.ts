/**
 * The automatic IEMK case sync against the sandbox's EmkService over HTTP,
 * with the visit history and the queue in a real SQLite file: only visits
 * REMD registered become steps, in date order; an IEMK that does not answer
 * is retried and its pending sync survives a restart (a new worker on the
 * same file, with no start-up sweep to help it); a refusal is held with its
 * reason and a closed case is closed in the IEMK once complete.
 */
import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { EmkClient } from '../../../../agent/egisz/iemk/emk-client.ts';
import { silentLogger } from '../../../../agent/log.ts';
import { CaseBook } from '../../../../agent/preflight/case-book.ts';
import { IemkAutoSync } from '../../../../agent/preflight/iemk-auto-sync.ts';
import { IemkSyncQueue } from '../../../../agent/preflight/iemk-sync-queue.ts';
import { visitDetails } from '../../../../agent/preflight/visit-details.ts';
import { visitFingerprint } from '../../../../agent/preflight/visit-fingerprint.ts';
import { VisitHistory } from '../../../../agent/preflight/visit-history.ts';
import { loadFederalDataset } from '../../../../agent/sandbox/federal-dataset.ts';
import { createSandbox } from '../../../../agent/sandbox/sandbox.ts';
import { demoConsultation } from '../../../fixtures/semd/demo-record.ts';

const GUID = '3f9c2b1e-7a41-4d8e-9c0a-5b6e2f1d8a70';
const SNILS = '15642781886';
let server: Server;
let endpoint: string;
let cases: () => Promise<any[]>;
let dir: string;
const open: { close(): void }[] = [];

beforeAll(async () => {
  const app = express();
  app.use('/sandbox', createSandbox({ dataset: loadFederalDataset() }).router);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox`;
  endpoint = `${base}/iemk/EMKService.svc`;
  cases = async () => (await fetch(`${base}/iemk/cases`)).json() as Promise<any[]>;
});

afterEach(() => {
  open.splice(0).forEach((x) => x.close());
  rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A fresh data dir with the history and the case book in preflight.sqlite, like the agent's. */
function workspace() {
  dir = mkdtempSync(join(tmpdir(), 'egisz-iemk-sync-'));
  const file = join(dir, 'preflight.sqlite');
  const history = new VisitHistory(file);
  const book = new CaseBook(file, history, async () => true);
  open.push({ close: () => book.closeDb() }, history);
  /** A sent document: a consultation unless `kind` says otherwise; a correction names its set and version. */
  const visit = (localUid: string, visitDate: string, code: string, more: { kind?: string; setId?: string; versionNumber?: number; at?: string; createdAt?: string } = {}) => {
    const r = demoConsultation();
    r.encounter = { ...r.encounter, caseId: undefined, visitDate, diagnoses: [{ code, role: 'main' }], conclusion: `Приём ${localUid}` };
    r.document.kind = more.kind ?? '119';
    r.document.createdAt = more.createdAt ?? `${visitDate}T${more.at ?? '10:00'}:00+03:00`;
    history.record({
      ...visitFingerprint(r), localUid, setId: more.setId ?? localUid, versionNumber: more.versionNumber ?? 1, conclusionHash: localUid,
      patientLastName: r.patient.lastName, patientFirstName: r.patient.firstName, patientBirthDate: r.patient.birthDate,
      createdAt: r.document.createdAt, details: JSON.stringify(visitDetails(r)),
    });
  };
  return { file, history, book, visit };
}

function worker(w: ReturnType<typeof workspace>, opts: { endpoint?: string; registered: Set<string>; settleMs?: number }) {
  const queue = new IemkSyncQueue(w.file);
  open.push(queue);
  const sync = new IemkAutoSync({
    book: w.book, history: w.history, queue, log: silentLogger,
    client: new EmkClient({ endpoint: opts.endpoint ?? endpoint, guid: GUID, timeoutMs: 2_000 }),
    isRegistered: async (localUid) => opts.registered.has(localUid),
    // Retries 25–50 ms apart; no start-up sweep, so only the queue can bring a sync back.
    settings: { retryBaseMs: 50, retryCapMs: 50, sweepDays: 0, ...(opts.settleMs !== undefined ? { visitSettleMs: opts.settleMs } : {}) },
  });
  return { queue, sync };
}

test('registered visits become steps in date order; the case closes in the IEMK once complete', async () => {
  const w = workspace();
  w.visit('a-1', daysAgo(12), 'J06.9');
  w.visit('a-2', daysAgo(6), 'J06.0');
  const registered = new Set<string>(['a-2']);
  const { sync, queue } = worker(w, { registered });

  sync.documentChanged({ localUid: 'a-2', state: 'registered' });
  await sync.drain();
  // a-1 is not registered yet: nothing may go ahead of it.
  expect((await cases()).find((c) => c.idCaseMis === 'a-1')).toBeUndefined();

  registered.add('a-1');
  w.book.close('a-1', daysAgo(1), '1');
  sync.documentChanged({ localUid: 'a-1', state: 'registered' });
  await sync.drain();
  const sent = (await cases()).find((c) => c.idCaseMis === 'a-1');
  expect(sent).toMatchObject({ closeDate: daysAgo(1), idCaseResult: '1' });
  expect(sent.steps.map((s: any) => s.idStepMis)).toEqual(['a-1', 'a-2']);
  expect(w.book.iemkProgress('a-1')).toEqual({ opened: true, closed: true, steps: ['a-1', 'a-2'], documents: { 'a-1': 1, 'a-2': 1 }, diagnoses: { 'a-1': 'J06.9', 'a-2': 'J06.0' } });
  expect(sent.steps.map((s: any) => s.diagnoses)).toEqual([[{ mkbCode: 'J06.9', main: true }], [{ mkbCode: 'J06.0', main: true }]]);
  expect(queue.list()).toEqual([]);
});

test('an IEMK that does not answer is retried, and the pending sync survives a restart', async () => {
  const w = workspace();
  w.visit('b-1', daysAgo(3), 'M54.5');
  const registered = new Set(['b-1']);
  const down = worker(w, { endpoint: 'http://127.0.0.1:9/EMKService.svc', registered });
  down.sync.documentChanged({ localUid: 'b-1', state: 'registered' });
  await down.sync.drain();
  expect(down.queue.get(SNILS)).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('ИЭМК') });
  await new Promise((r) => setTimeout(r, 60));
  await down.sync.drain(); // due again after the backoff: tried again
  expect(down.queue.get(SNILS)?.attempts).toBe(2);
  await down.sync.stop(); // the process ends here; the row stays on disk

  const up = worker(w, { registered });
  await new Promise((r) => setTimeout(r, 60));
  up.sync.start();
  await up.sync.drain();
  expect((await cases()).find((c) => c.idCaseMis === 'b-1')?.steps).toHaveLength(1);
  expect(up.queue.list()).toEqual([]);
  await up.sync.stop();
});

test('a refusal is held with its reason until the next change', async () => {
  const w = workspace();
  w.visit('c-1', daysAgo(2), 'J06.9');
  const registered = new Set(['c-1']);
  const { sync, queue } = worker(w, { registered });
  w.history.record({ ...w.history.get('c-1')!, details: JSON.stringify({ ...JSON.parse(w.history.get('c-1')!.details!), organizationOid: '1.2.643.5.1.13.13.12.2.77.9999' }) });
  sync.documentChanged({ localUid: 'c-1', state: 'registered' });
  await sync.drain();
  expect(queue.get(SNILS)).toMatchObject({ state: 'held', attempts: 1, lastError: expect.stringContaining('не найдена') });
  expect(queue.due(new Date(Date.now() + 3_600_000))).toEqual([]); // not retried by itself

  w.history.record({ ...w.history.get('c-1')!, details: JSON.stringify({ ...JSON.parse(w.history.get('c-1')!.details!), organizationOid: '1.2.643.5.1.13.13.12.2.77.7701' }) });
  sync.caseChanged('c-1');
  await sync.drain();
  expect((await cases()).find((c) => c.idCaseMis === 'c-1')).toBeDefined();
  expect(queue.list()).toEqual([]);
});

test('one visit, one step: its documents go with it once REMD registered them all; a correction replaces, the epicrisis closes the case', async () => {
  const w = workspace();
  const day = daysAgo(5);
  w.visit('d-119', day, 'J20.9');
  w.visit('d-185', day, 'J20.9', { kind: '185', at: '10:20' });
  w.visit('d-186', day, 'J20.9', { kind: '186', at: '10:40' });
  const registered = new Set(['d-119', 'd-186']);
  const { sync } = worker(w, { registered });
  sync.documentChanged({ localUid: 'd-119', state: 'registered' });
  await sync.drain();
  // The referral is not registered yet: the visit waits for it rather than go without it.
  expect((await cases()).find((c) => c.idCaseMis === 'd-119')?.steps ?? []).toEqual([]);

  registered.add('d-185');
  sync.documentChanged({ localUid: 'd-185', state: 'registered' });
  await sync.drain();
  let sent = (await cases()).find((c) => c.idCaseMis === 'd-119');
  expect(sent.steps).toHaveLength(1);
  expect(sent.steps[0]).toMatchObject({ idStepMis: 'd-119', diagnoses: [{ mkbCode: 'J20.9', main: true }] });
  expect(sent.steps[0].documents.map((d: any) => [d.idDocumentMis, d.type])).toEqual([['d-119', 'ConsultNote'], ['d-185', 'Referral'], ['d-186', 'LaboratoryReport']]);

  // A corrected referral (version 2 of its set) replaces the one the IEMK has, once REMD registered it.
  w.visit('d-185v2', day, 'J20.9', { kind: '185', setId: 'd-185', versionNumber: 2, at: '15:00' });
  registered.add('d-185v2');
  sync.documentChanged({ localUid: 'd-185v2', state: 'registered' });
  await sync.drain();
  sent = (await cases()).find((c) => c.idCaseMis === 'd-119');
  expect(sent.steps).toHaveLength(1);
  expect(sent.steps[0].documents.map((d: any) => [d.idDocumentMis, d.creationDate.slice(11)])).toEqual([['d-119', '10:00:00'], ['d-185', '15:00:00'], ['d-186', '10:40:00']]);
  expect(sent.documents).toEqual([]);

  w.visit('d-42', daysAgo(1), 'J20.9', { kind: '42' });
  w.book.close('d-119', daysAgo(1), '1');
  sync.caseChanged('d-119');
  await sync.drain();
  // Not closed without its epicrisis: it goes with the case, before CloseCase.
  expect((await cases()).find((c) => c.idCaseMis === 'd-119').closeDate).toBeUndefined();
  registered.add('d-42');
  sync.documentChanged({ localUid: 'd-42', state: 'registered' });
  await sync.drain();
  sent = (await cases()).find((c) => c.idCaseMis === 'd-119');
  expect(sent).toMatchObject({ closeDate: daysAgo(1), documents: [{ idDocumentMis: 'd-42', type: 'DischargeSummary' }] });
  expect(w.book.iemkProgress('d-119')).toMatchObject({ opened: true, closed: true, steps: ['d-119'], documents: { 'd-119': 1, 'd-185': 2, 'd-186': 1, 'd-42': 1 } });
});

test('a visit settles before its step: a prescription written just after the consultation still goes in it', async () => {
  const w = workspace();
  w.visit('e-119', daysAgo(0), 'J06.9', { createdAt: new Date().toISOString() });
  const registered = new Set(['e-119']);
  const { sync, queue } = worker(w, { registered, settleMs: 400 });
  sync.documentChanged({ localUid: 'e-119', state: 'registered' });
  await sync.drain();
  expect((await cases()).find((c) => c.idCaseMis === 'e-119')?.steps ?? []).toEqual([]);
  // Not forgotten: the patient is due again when the visit has settled.
  expect(queue.get(SNILS)).toMatchObject({ state: 'pending', attempts: 0 });

  w.visit('e-148', daysAgo(0), 'J06.9', { kind: '148', createdAt: new Date().toISOString() });
  registered.add('e-148');
  await new Promise((r) => setTimeout(r, 500));
  await sync.drain();
  const sent = (await cases()).find((c) => c.idCaseMis === 'e-119');
  expect(sent.steps.map((s: any) => s.documents.map((d: any) => [d.idDocumentMis, d.type]))).toEqual([[['e-119', 'ConsultNote'], ['e-148', 'MedDocument']]]);
  expect(queue.list()).toEqual([]);
});

test('a correction that changes a visit\'s main diagnosis updates its step (UpdateCase), once REMD registered it', async () => {
  const w = workspace();
  const day = daysAgo(4);
  w.visit('f-119', day, 'J06.9');
  const registered = new Set(['f-119']);
  const { sync, queue } = worker(w, { registered });
  sync.documentChanged({ localUid: 'f-119', state: 'registered' });
  await sync.drain();
  expect((await cases()).find((c) => c.idCaseMis === 'f-119').steps[0].diagnoses).toEqual([{ mkbCode: 'J06.9', main: true }]);

  w.visit('f-119v2', day, 'J06.0', { setId: 'f-119', versionNumber: 2, at: '16:00' });
  sync.patientChanged(SNILS);
  await sync.drain();
  // Not registered yet: the IEMK keeps the diagnosis REMD has.
  expect((await cases()).find((c) => c.idCaseMis === 'f-119').steps[0].diagnoses).toEqual([{ mkbCode: 'J06.9', main: true }]);

  registered.add('f-119v2');
  sync.documentChanged({ localUid: 'f-119v2', state: 'registered' });
  await sync.drain();
  const sent = (await cases()).find((c) => c.idCaseMis === 'f-119');
  expect(sent.steps).toHaveLength(1);
  expect(sent.steps[0].diagnoses).toEqual([{ mkbCode: 'J06.0', main: true, previousMkbCode: 'J06.9' }]);
  expect(sent.steps[0].documents.map((d: any) => [d.idDocumentMis, d.creationDate.slice(11)])).toEqual([['f-119', '16:00:00']]);
  expect(w.book.iemkProgress('f-119')).toMatchObject({ documents: { 'f-119': 2 }, diagnoses: { 'f-119': 'J06.0' } });
  expect(queue.list()).toEqual([]);
});

test('an epicrisis registered after the IEMK closed its case is still attached to it', async () => {
  const w = workspace();
  w.visit('g-119', daysAgo(9), 'K29.7');
  const registered = new Set(['g-119']);
  const { sync, queue } = worker(w, { registered });
  w.book.close('g-119', daysAgo(2), '1');
  sync.caseChanged('g-119');
  await sync.drain();
  expect((await cases()).find((c) => c.idCaseMis === 'g-119')).toMatchObject({ closeDate: daysAgo(2), documents: [] });

  w.visit('g-42', daysAgo(2), 'K29.7', { kind: '42' });
  registered.add('g-42');
  sync.documentChanged({ localUid: 'g-42', state: 'registered' });
  await sync.drain();
  expect((await cases()).find((c) => c.idCaseMis === 'g-119')).toMatchObject({ closeDate: daysAgo(2), documents: [{ idDocumentMis: 'g-42', type: 'DischargeSummary' }] });
  expect(queue.list()).toEqual([]);
});

test('a correction that moves a sent visit to another МКБ-10 category keeps it in the case the IEMK has, and updates its step', async () => {
  const w = workspace();
  const day = daysAgo(6);
  w.visit('h-119', day, 'J06.9');
  w.visit('h-2', daysAgo(3), 'J06.0');
  const registered = new Set(['h-119', 'h-2']);
  const { sync } = worker(w, { registered });
  sync.patientChanged(SNILS);
  await sync.drain();
  expect((await cases()).find((c) => c.idCaseMis === 'h-119').steps.map((s: any) => s.idStepMis)).toEqual(['h-119', 'h-2']);

  w.visit('h-119v2', day, 'K29.7', { setId: 'h-119', versionNumber: 2, at: '17:00' });
  registered.add('h-119v2');
  sync.documentChanged({ localUid: 'h-119v2', state: 'registered' });
  await sync.drain();
  const listed = await w.book.cases(SNILS, daysAgo(0));
  expect(listed.map((c) => [c.caseId, c.visits.map((v) => [v.localUid, v.mainDiagnosis])])).toEqual([['h-119', [['h-119', 'K29.7'], ['h-2', 'J06.0']]]]);
  const iemk = (await cases()).filter((c) => c.steps.some((s: any) => s.idStepMis === 'h-119'));
  expect(iemk).toHaveLength(1);
  expect(iemk[0].steps[0].diagnoses).toEqual([{ mkbCode: 'K29.7', main: true, previousMkbCode: 'J06.9' }]);
});
