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
  const visit = (localUid: string, visitDate: string, code: string) => {
    const r = demoConsultation();
    r.encounter = { ...r.encounter, caseId: undefined, visitDate, diagnoses: [{ code, role: 'main' }], conclusion: `Приём ${localUid}` };
    r.document.createdAt = `${visitDate}T10:00:00+03:00`;
    history.record({
      ...visitFingerprint(r), localUid, setId: localUid, versionNumber: 1, conclusionHash: localUid,
      patientLastName: r.patient.lastName, patientFirstName: r.patient.firstName, patientBirthDate: r.patient.birthDate,
      createdAt: r.document.createdAt, details: JSON.stringify(visitDetails(r)),
    });
  };
  return { file, history, book, visit };
}

function worker(w: ReturnType<typeof workspace>, opts: { endpoint?: string; registered: Set<string> }) {
  const queue = new IemkSyncQueue(w.file);
  open.push(queue);
  const sync = new IemkAutoSync({
    book: w.book, history: w.history, queue, log: silentLogger,
    client: new EmkClient({ endpoint: opts.endpoint ?? endpoint, guid: GUID, timeoutMs: 2_000 }),
    isRegistered: async (localUid) => opts.registered.has(localUid),
    // Retries 25–50 ms apart; no start-up sweep, so only the queue can bring a sync back.
    settings: { retryBaseMs: 50, retryCapMs: 50, sweepDays: 0 },
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
  expect(w.book.iemkProgress('a-1')).toEqual({ opened: true, closed: true, steps: ['a-1', 'a-2'] });
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
