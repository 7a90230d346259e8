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
import { iemkService } from '../../../../agent/sandbox/iemk-service.ts';
import { createSandbox } from '../../../../agent/sandbox/sandbox.ts';
import { remdLink, SEMD_MIME_TYPE } from '../../../../agent/egisz/iemk/emk-contract.ts';

const GUID = '3f9c2b1e-7a41-4d8e-9c0a-5b6e2f1d8a70';
const LPU = '1.2.643.5.1.13.13.12.2.77.7701';
const REGISTERED = '77.119.26.11.000001';
let server: Server;
let endpoint: string;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use('/sandbox', createSandbox({ dataset: loadFederalDataset() }).router);
  // The IEMK alone, with one REMD registration of the clinic its links may name.
  app.use('/linked', iemkService(loadFederalDataset(), (emdrId) => (emdrId === REGISTERED ? { organization: LPU } : undefined)));
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

  it('updates a sent step\'s main diagnosis by UpdateCase, refusing a stale previous code and a step not sent', async () => {
    const client = new EmkClient({ endpoint, guid: GUID });
    const c = aCase('case-5');
    await client.addCase(c);
    const step = { idStepMis: 'v1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor };
    await client.addStepToCase(ref(c), { ...step, medRecords: [diagnosis('J06.9', '2026-11-02'), document('d1', 'ConsultNote', '2026-11-02T10:15:00')] });
    const corrected = { diagnosis: { ...diagnosis('J20.9', '2026-11-02').diagnosis, previousMkbCode: 'J06.9' } };
    await client.updateCase({ ...c, steps: [{ ...step, medRecords: [corrected] }] });
    const stored = await sandboxCase('case-5');
    expect(stored.steps[0]).toMatchObject({ diagnoses: [{ mkbCode: 'J20.9', main: true, previousMkbCode: 'J06.9' }], documents: [{ idDocumentMis: 'd1' }] });
    const stale = await fault(client.updateCase({ ...c, steps: [{ ...step, medRecords: [corrected] }] }));
    expect(stale.items[0]).toMatchObject({ errorCode: 4, propertyName: 'MkbCodeChange' });
    const unknown = await fault(client.updateCase({ ...c, steps: [{ ...step, idStepMis: 'v9', medRecords: [diagnosis('J20.9', '2026-11-02')] }] }));
    expect(unknown.items[0]).toMatchObject({ errorCode: 2, propertyName: 'IdStepMis' });
    expect((await sandboxCase('case-5')).steps[0].diagnoses).toEqual([{ mkbCode: 'J20.9', main: true, previousMkbCode: 'J06.9' }]);
  });

  it('a closed case takes no step or diagnosis, but still a document: the epicrisis signed after the closing day', async () => {
    const client = new EmkClient({ endpoint, guid: GUID });
    const c = aCase('case-6');
    await client.addCase(c);
    await client.addStepToCase(ref(c), { idStepMis: 'v1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor, medRecords: [diagnosis('J06.9', '2026-11-02')] });
    await client.closeCase({ ...c, closeDate: '2026-11-05', idCaseResult: '1' });
    expect((await fault(client.addStepToCase(ref(c), { idStepMis: 'v2', dateStart: '2026-11-06', dateEnd: '2026-11-06', doctor }))).items[0]?.errorCode).toBe(4);
    expect((await fault(client.addMedRecord(ref(c), diagnosis('J06.9', '2026-11-06')))).items[0]?.errorCode).toBe(4);
    await client.addMedRecord(ref(c), document('d42', 'DischargeSummary', '2026-11-07T09:00:00'));
    expect(await sandboxCase('case-6')).toMatchObject({ closeDate: '2026-11-05', documents: [{ idDocumentMis: 'd42', type: 'DischargeSummary' }] });
  });

  it('links a document to its REMD registration: a number REMD did not give the clinic is refused, a file must carry the doctor\'s signature', async () => {
    const client = new EmkClient({ endpoint: `${base.replace(/\/sandbox$/, '')}/linked/EMKService.svc`, guid: GUID });
    const c = aCase('case-7');
    await client.addCase(c);
    const linked = (emdrId: string) => ({ document: { ...document('d1', 'ConsultNote', '2026-11-02T10:15:00').document, attachments: [{ mimeType: SEMD_MIME_TYPE, url: remdLink(emdrId) }] } });
    const step = { idStepMis: 'v1', dateStart: '2026-11-02', dateEnd: '2026-11-02', doctor };
    const unknown = await fault(client.addStepToCase(ref(c), { ...step, medRecords: [linked('77.119.26.11.999999')] }));
    expect(unknown.items[0]).toMatchObject({ errorCode: 2, propertyName: 'Attachments', message: expect.stringContaining('77.119.26.11.999999') });
    await client.addStepToCase(ref(c), { ...step, medRecords: [linked(REGISTERED)] });
    const unsigned = { document: { ...document('d2', 'Referral', '2026-11-02T10:30:00').document, attachments: [{ mimeType: SEMD_MIME_TYPE, data: new TextEncoder().encode('<ClinicalDocument/>') }] } };
    expect((await fault(client.addMedRecord(ref(c), unsigned))).items[0]).toMatchObject({ errorCode: 4, propertyName: 'Attachments' });
    const signed = { document: { ...unsigned.document, attachments: [{ ...unsigned.document.attachments[0]!, personalSigns: [{ sign: new Uint8Array([0x30, 0x80]), doctor }] }] } };
    await client.addMedRecord(ref(c), signed);
    const stored = (await (await fetch(`${base.replace(/\/sandbox$/, '')}/linked/cases`)).json() as any[]).find((x) => x.idCaseMis === 'case-7');
    expect(stored.steps[0].documents).toEqual([expect.objectContaining({ idDocumentMis: 'd1', remdLinks: [REGISTERED], files: 0 })]);
    expect(stored.documents).toEqual([expect.objectContaining({ idDocumentMis: 'd2', remdLinks: [], files: 1 })]);
  });

  it('reports an IEMK that does not answer as unavailable', async () => {
    const client = new EmkClient({ endpoint: 'http://127.0.0.1:9/EMKService.svc', guid: GUID, timeoutMs: 2_000 });
    await expect(client.addCase(aCase('x'))).rejects.toBeInstanceOf(RegistryUnavailableError);
  });
});
