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

describe('EmkClient ↔ sandbox EmkService', () => {
  it('opens a case, adds a visit with its diagnosis and closes it', async () => {
    const client = new EmkClient({ endpoint, guid: GUID });
    const c = aCase('case-1');
    await client.addCase(c);
    await client.addStepToCase(ref(c), { idStepMis: 'v1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor });
    await client.addMedRecord(ref(c), { mkbCode: 'J06.9', main: true, diagnosedDate: '2026-11-02', doctor });
    await client.closeCase({ ...c, closeDate: '2026-11-10', idCaseResult: '1' });
    const cases = (await (await fetch(`${base}/iemk/cases`)).json()) as { idCaseMis: string }[];
    expect(cases.find((x) => x.idCaseMis === 'case-1')).toMatchObject({
      closeDate: '2026-11-10', steps: [{ idStepMis: 'v1', dateStart: '2026-11-02', doctor: 'Иванова' }], diagnoses: [{ mkbCode: 'J06.9', main: true }],
    });
  });

  it('refuses an unknown guid, a step before AddCase, a second AddCase and a case closed without visits', async () => {
    expect((await fault(new EmkClient({ endpoint, guid: 'not-ours' }).addCase(aCase('x')))).items[0]).toMatchObject({ errorCode: 1, propertyName: 'guid' });
    const client = new EmkClient({ endpoint, guid: GUID });
    const c = aCase('case-2');
    expect((await fault(client.addStepToCase(ref(c), { idStepMis: 's', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor }))).items[0]?.errorCode).toBe(2);
    await client.addCase(c);
    expect((await fault(client.addCase(c))).items[0]?.errorCode).toBe(3);
    expect((await fault(client.closeCase({ ...c, closeDate: '2026-11-05', idCaseResult: '1' }))).items[0]).toMatchObject({ errorCode: 4, propertyName: 'Steps' });
    expect((await fault(client.addMedRecord(ref(c), { mkbCode: 'Q99.99', main: true, diagnosedDate: '2026-11-02', doctor }))).items[0]?.propertyName).toBe('MkbCode');
  });

  it('reports an IEMK that does not answer as unavailable', async () => {
    const client = new EmkClient({ endpoint: 'http://127.0.0.1:9/EMKService.svc', guid: GUID, timeoutMs: 2_000 });
    await expect(client.addCase(aCase('x'))).rejects.toBeInstanceOf(RegistryUnavailableError);
  });
});
