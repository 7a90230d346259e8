/**
 * The IEMK client against the sandbox's EmkService over HTTP: the SOAP 1.1
 * contract both ways, `guid` auth, and faults as EmkFaultError items.
 */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmkClient, EmkFaultError } from '../../../../agent/egisz/iemk/emk-client.ts';
import type { EmkCase } from '../../../../agent/egisz/iemk/emk-contract.ts';
import { RegistryUnavailableError } from '../../../../agent/egisz/registries/registry-http.ts';
import { loadFederalDataset } from '../../../../agent/sandbox/federal-dataset.ts';
import { createSandbox } from '../../../../agent/sandbox/sandbox.ts';

const GUID = '3f9c2b1e-7a41-4d8e-9c0a-5b6e2f1d8a70';
let server: Server;
let endpoint: string;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use('/sandbox', createSandbox({ dataset: loadFederalDataset() }).router);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox`;
  endpoint = `${base}/iemk/EMKService.svc`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const doctor = { idPersonMis: 'doc-0042', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна', idPosition: '109', idSpeciality: '27' };
const aCase = (idCaseMis: string): EmkCase => ({
  idCaseMis, idPatientMis: 'pat-100500', idLpu: '1.2.643.5.1.13.13.12.2.77.7701', openDate: '2026-11-01', historyNumber: idCaseMis, doctorInCharge: doctor,
});
const ref = (c: EmkCase) => ({ idLpu: c.idLpu, idPatientMis: c.idPatientMis, idCaseMis: c.idCaseMis });

async function fault(promise: Promise<unknown>): Promise<EmkFaultError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(EmkFaultError);
  return error as EmkFaultError;
}

const document = (idDocumentMis: string, type: 'ConsultNote' | 'Referral' | 'DischargeSummary', creationDate: string) => ({
  document: { type, idDocumentMis, creationDate, header: type, author: doctor },
});
const diagnosis = (mkbCode: string, diagnosedDate: string) => ({ diagnosis: { mkbCode, main: true, diagnosedDate, doctor } });
const sandboxCase = async (idCaseMis: string) =>
  ((await (await fetch(`${base}/iemk/cases`)).json()) as any[]).find((x) => x.idCaseMis === idCaseMis);

describe('EmkClient ↔ sandbox EmkService', () => {
  it('opens a case, adds a visit with its diagnosis and documents, a record of the case, and closes it', async () => {
    const client = new EmkClient({ endpoint, guid: GUID });
    const c = aCase('case-1');
    await client.addCase(c);
    await client.addStepToCase(ref(c), {
      idStepMis: 'v1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor,
      medRecords: [diagnosis('J06.9', '2026-11-02'), document('d119', 'ConsultNote', '2026-11-02T10:15:00'), document('d185', 'Referral', '2026-11-02T10:30:00')],
    });
    await client.addMedRecord(ref(c), document('d42', 'DischargeSummary', '2026-11-10T09:00:00'));
    await client.closeCase({ ...c, closeDate: '2026-11-10', idCaseResult: '1' });
    expect(await sandboxCase('case-1')).toMatchObject({
      closeDate: '2026-11-10',
      steps: [{
        idStepMis: 'v1', dateStart: '2026-11-02', doctor: 'Иванова', doctorId: 'doc-0042', diagnoses: [{ mkbCode: 'J06.9', main: true }],
        documents: [{ idDocumentMis: 'd119', type: 'ConsultNote' }, { idDocumentMis: 'd185', type: 'Referral', author: 'Иванова' }],
      }],
      documents: [{ idDocumentMis: 'd42', type: 'DischargeSummary' }],
    });
  });

  it('keeps one step per visit: a second step of the same doctor on the same day is refused, another day is a step of its own', async () => {
    const client = new EmkClient({ endpoint, guid: GUID });
    const c = aCase('case-3');
    await client.addCase(c);
    await client.addStepToCase(ref(c), { idStepMis: 'morning', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor });
    const again = await fault(client.addStepToCase(ref(c), { idStepMis: 'referral', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor }));
    expect(again.items[0]).toMatchObject({ errorCode: 3, message: expect.stringContaining('один визит — одно посещение') });
    await client.addStepToCase(ref(c), { idStepMis: 'next', dateStart: '2026-11-03', dateEnd: '2026-11-03', doctor });
    expect((await sandboxCase('case-3')).steps.map((s: any) => s.idStepMis)).toEqual(['morning', 'next']);
  });

  it('replaces a document sent again by its IdDocumentMis (a correction) where it is, and refuses it inside a new step', async () => {
    const client = new EmkClient({ endpoint, guid: GUID });
    const c = aCase('case-4');
    await client.addCase(c);
    await client.addStepToCase(ref(c), { idStepMis: 'v1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor, medRecords: [document('d1', 'ConsultNote', '2026-11-02T10:15:00')] });
    await client.addMedRecord(ref(c), document('d1', 'ConsultNote', '2026-11-02T12:00:00'));
    const twice = await fault(client.addStepToCase(ref(c), { idStepMis: 'v2', dateStart: '2026-11-04', dateEnd: '2026-11-04', doctor, medRecords: [document('d1', 'ConsultNote', '2026-11-04T09:00:00')] }));
    expect(twice.items[0]).toMatchObject({ errorCode: 3, propertyName: 'IdDocumentMis' });
    const stored = await sandboxCase('case-4');
    expect(stored.steps).toHaveLength(1);
    expect(stored.steps[0].documents).toEqual([expect.objectContaining({ idDocumentMis: 'd1', creationDate: '2026-11-02T12:00:00' })]);
    expect(stored.documents).toEqual([]);
  });

  it('refuses an unknown guid, a step before AddCase, a second AddCase, a case closed without visits and bad records', async () => {
    expect((await fault(new EmkClient({ endpoint, guid: 'not-ours' }).addCase(aCase('x')))).items[0]).toMatchObject({ errorCode: 1, propertyName: 'guid' });
    const client = new EmkClient({ endpoint, guid: GUID });
    const c = aCase('case-2');
    expect((await fault(client.addStepToCase(ref(c), { idStepMis: 's', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor }))).items[0]?.errorCode).toBe(2);
    await client.addCase(c);
    expect((await fault(client.addCase(c))).items[0]?.errorCode).toBe(3);
    expect((await fault(client.closeCase({ ...c, closeDate: '2026-11-05', idCaseResult: '1' }))).items[0]).toMatchObject({ errorCode: 4, propertyName: 'Steps' });
    expect((await fault(client.addMedRecord(ref(c), diagnosis('Q99.99', '2026-11-02')))).items[0]?.propertyName).toBe('MkbCode');
    const unnamed = { document: { ...document('', 'ConsultNote', '2026-11-02T10:00:00').document } };
    expect((await fault(client.addMedRecord(ref(c), unnamed))).items[0]?.propertyName).toBe('IdDocumentMis');
  });

  it('reports an IEMK that does not answer as unavailable', async () => {
    const client = new EmkClient({ endpoint: 'http://127.0.0.1:9/EMKService.svc', guid: GUID, timeoutMs: 2_000 });
    await expect(client.addCase(aCase('x'))).rejects.toBeInstanceOf(RegistryUnavailableError);
  });
});
