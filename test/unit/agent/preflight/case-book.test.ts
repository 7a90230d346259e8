import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmkClient } from '../../../../agent/egisz/iemk/emk-client.ts';
import type { EmkCase, EmkMedRecord, EmkStep } from '../../../../agent/egisz/iemk/emk-contract.ts';
import { CaseBook } from '../../../../agent/preflight/case-book.ts';
import { caseDocumentsOf, registrationsOf, sendCaseToIemk } from '../../../../agent/preflight/case-iemk-sync.ts';
import { createCasesApi } from '../../../../agent/preflight/cases-api.ts';
import { answerCasesFrame } from '../../../../agent/preflight/cases-frames.ts';
import type { AgentFrame } from '../../../../shared/protocol/messages.ts';
import { visitDetails } from '../../../../agent/preflight/visit-details.ts';
import { conclusionHash, visitFingerprint } from '../../../../agent/preflight/visit-fingerprint.ts';
import { VisitHistory } from '../../../../agent/preflight/visit-history.ts';
import { demoConsultation } from '../../../fixtures/semd/demo-record.ts';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((done) => done()));

function book() {
  const dir = mkdtempSync(join(tmpdir(), 'egisz-case-book-'));
  const file = join(dir, 'preflight.sqlite');
  const history = new VisitHistory(file);
  const cases = new CaseBook(file, history, async () => true);
  cleanup.push(() => {
    cases.closeDb();
    history.close();
    rmSync(dir, { recursive: true, force: true });
  });
  /** A sent document: by default a consultation by the demo doctor on 2026-11-26. */
  const record = (localUid: string, setId: string, versionNumber: number, code: string, createdAt: string, more: { kind?: string; visitDate?: string; doctorSnils?: string } = {}) => {
    const r = demoConsultation();
    r.encounter = { ...r.encounter, caseId: undefined, visitDate: more.visitDate ?? '2026-11-26', diagnoses: [{ code, role: 'main' }] };
    r.document.kind = more.kind ?? '119';
    if (more.doctorSnils) r.practitioner = { ...r.practitioner, snils: more.doctorSnils, lastName: 'Смирнов' };
    history.record({
      ...visitFingerprint(r), conclusionHash: conclusionHash(r), localUid, setId, versionNumber,
      patientLastName: r.patient.lastName, patientFirstName: r.patient.firstName, patientBirthDate: r.patient.birthDate,
      createdAt, details: JSON.stringify(visitDetails(r)),
    });
  };
  return { cases, record, history };
}

/** An EmkClient that writes down the calls it gets. */
function recordingClient() {
  const calls: string[] = [];
  const steps: EmkStep[] = [];
  const records: EmkMedRecord[] = [];
  const updates: EmkCase[] = [];
  const client = {
    updateCase: async (c: EmkCase) => void (calls.push(`UpdateCase ${c.steps?.map((x) => x.idStepMis).join(',')}`), updates.push(c)),
    addCase: async () => void calls.push('AddCase'),
    closeCase: async () => void calls.push('CloseCase'),
    addStepToCase: async (_ref: unknown, step: EmkStep) => void (calls.push(`AddStepToCase ${step.idStepMis}`), steps.push(step)),
    addMedRecord: async (_ref: unknown, record: EmkMedRecord) => void (calls.push(`AddMedRecord ${'document' in record ? record.document.idDocumentMis : record.diagnosis.mkbCode}`), records.push(record)),
  } as unknown as EmkClient;
  return { client, calls, steps, records, updates };
}

const documentsOf = (step: EmkStep) => (step.medRecords ?? []).flatMap((r) => ('document' in r ? [[r.document.idDocumentMis, r.document.type]] : []));

describe('CaseBook', () => {
  it('counts a corrected document once: the latest version\'s content under the first version\'s localUid', async () => {
    const { cases, record } = book();
    record('v1', 'set-1', 1, 'J06.9', '2026-11-26T10:15:00+03:00');
    record('v2', 'set-1', 2, 'J06.0', '2026-11-26T12:40:00+03:00');
    const [only, ...more] = await cases.cases('15642781886', '2026-11-26');
    expect(more).toEqual([]);
    expect(only!.visits.map((v) => [v.localUid, v.mainDiagnosis, v.documents.map((d) => [d.localUid, d.row.versionNumber])])).toEqual([['v1', 'J06.0', [['v1', 2]]]]);
  });

  it('makes the documents of one patient, day and doctor one visit; another day or doctor is another visit', async () => {
    const { cases, record } = book();
    record('consult', 'set-1', 1, 'J06.9', '2026-11-26T10:15:00+03:00');
    record('referral', 'set-2', 1, 'J06.9', '2026-11-26T10:30:00+03:00', { kind: '185' });
    record('lab', 'set-3', 1, 'J06.9', '2026-11-26T11:00:00+03:00', { kind: '186' });
    // A correction of the consultation written after the others keeps the visit's id.
    record('consult-2', 'set-1', 2, 'J06.9', '2026-11-26T13:00:00+03:00');
    record('colleague', 'set-4', 1, 'J06.9', '2026-11-26T12:00:00+03:00', { doctorSnils: '11223344600' });
    record('next-day', 'set-5', 1, 'J06.9', '2026-11-27T09:00:00+03:00', { visitDate: '2026-11-27' });
    const [c] = await cases.cases('15642781886', '2026-11-27');
    expect(c!.visits.map((v) => [v.localUid, v.visitDate, v.documents.map((d) => d.localUid)])).toEqual([
      ['colleague', '2026-11-26', ['colleague']],
      ['consult', '2026-11-26', ['consult', 'referral', 'lab']],
      ['next-day', '2026-11-27', ['next-day']],
    ]);
    expect(c!.visits[1]!.row.kind).toBe('119');
  });

  it('sends a visit as one step with its diagnosis and every document; a correction and a late document go as records, the epicrisis on closing', async () => {
    const { cases, record } = book();
    const { client, calls, steps, records, updates } = recordingClient();
    record('consult', 'set-1', 1, 'J06.9', '2026-11-20T10:15:00+03:00', { visitDate: '2026-11-20' });
    record('referral', 'set-2', 1, 'J06.9', '2026-11-20T10:30:00+03:00', { kind: '185', visitDate: '2026-11-20' });
    const send = async () => sendCaseToIemk((await cases.cases('15642781886', '2026-11-26'))[0]!, cases, client);
    await send();
    expect(calls).toEqual(['AddCase', 'AddStepToCase consult']);
    expect(steps[0]!.medRecords![0]).toMatchObject({ diagnosis: { mkbCode: 'J06.9', main: true } });
    expect(documentsOf(steps[0]!)).toEqual([['consult', 'ConsultNote'], ['referral', 'Referral']]);

    record('consult-2', 'set-1', 2, 'J06.0', '2026-11-20T15:00:00+03:00', { visitDate: '2026-11-20' });
    record('lab', 'set-3', 1, 'J06.9', '2026-11-20T16:00:00+03:00', { kind: '186', visitDate: '2026-11-20' });
    record('epicrisis', 'set-4', 1, 'J06.9', '2026-11-25T09:00:00+03:00', { kind: '42', visitDate: '2026-11-25' });
    await send();
    // The corrected consultation changed the visit's diagnosis: its step is updated too.
    expect(calls.slice(2)).toEqual(['AddMedRecord consult', 'AddMedRecord lab', 'UpdateCase consult']);
    expect(records[0]).toMatchObject({ document: { idDocumentMis: 'consult', creationDate: '2026-11-20T15:00:00', header: expect.stringMatching(/^Протокол консультации/) } });
    expect(updates[0]).toMatchObject({ idCaseMis: 'consult', steps: [{ idStepMis: 'consult', dateStart: '2026-11-20', medRecords: [{ diagnosis: { mkbCode: 'J06.0', main: true, previousMkbCode: 'J06.9' } }] }] });
    expect(updates[0]!.closeDate).toBeUndefined();

    cases.close('consult', '2026-11-25', '1');
    const progress = await send();
    expect(calls.slice(5)).toEqual(['AddMedRecord epicrisis', 'CloseCase']);
    expect(records.at(-1)).toMatchObject({ document: { type: 'DischargeSummary' } });
    expect(progress).toEqual({ opened: true, closed: true, steps: ['consult'], documents: { consult: 2, referral: 1, lab: 1, epicrisis: 1 }, diagnoses: { consult: 'J06.0' } });
    await send();
    expect(calls).toHaveLength(7); // nothing left to send
  });

  it('links each document to its REMD registration when the number is known', async () => {
    const { cases, record } = book();
    const { client, steps } = recordingClient();
    record('consult', 'set-1', 1, 'J06.9', '2026-11-20T10:15:00+03:00', { visitDate: '2026-11-20' });
    record('referral', 'set-2', 1, 'J06.9', '2026-11-20T10:30:00+03:00', { kind: '185', visitDate: '2026-11-20' });
    const [c] = await cases.cases('15642781886', '2026-11-26');
    await sendCaseToIemk(c!, cases, client, () => true, (d) => (d.localUid === 'consult' ? '77.119.26.11.000007' : undefined));
    const [consult, referral] = (steps[0]!.medRecords ?? []).flatMap((r) => ('document' in r ? [r.document] : []));
    expect(consult!.attachments).toEqual([{ mimeType: 'text/xml', url: 'urn:egisz:remd:77.119.26.11.000007' }]);
    expect(referral!.attachments).toBeUndefined();
  });

  it('keeps the epicrisis with the case it closes, not as a visit', async () => {
    const { cases, record } = book();
    record('cold', 'set-1', 1, 'J06.9', '2026-11-02T10:00:00+03:00', { visitDate: '2026-11-02' });
    record('back', 'set-2', 1, 'M54.5', '2026-11-10T10:00:00+03:00', { visitDate: '2026-11-10' });
    record('epicrisis', 'set-3', 1, 'J06.9', '2026-11-12T10:00:00+03:00', { kind: '42', visitDate: '2026-11-12' });
    const listed = await cases.cases('15642781886', '2026-11-26');
    expect(listed.map((c) => [c.caseId, c.visits.map((v) => v.localUid), c.caseDocuments.map((d) => d.localUid)])).toEqual([
      ['cold', ['cold'], ['epicrisis']],
      ['back', ['back'], []],
    ]);
  });

  it('answers an epicrisis that fits no case apart, until the user puts it into one', async () => {
    const { cases, record } = book();
    record('cold', 'set-1', 1, 'J06.9', '2026-11-02T10:00:00+03:00', { visitDate: '2026-11-02' });
    // Another category (K29) than any case: it closes a case the agent has no visit of.
    record('epicrisis', 'set-2', 1, 'K29.7', '2026-11-12T10:00:00+03:00', { kind: '42', visitDate: '2026-11-12' });
    let listed = await cases.casesAndUnmatched('15642781886', '2026-11-26');
    expect(listed.cases.map((c) => [c.caseId, c.caseDocuments.length])).toEqual([['cold', 0]]);
    expect(listed.unmatched.map((d) => [d.localUid, d.details.mainDiagnosis])).toEqual([['epicrisis', 'K29.7']]);

    cases.move('epicrisis', 'cold');
    listed = await cases.casesAndUnmatched('15642781886', '2026-11-26');
    expect(listed.cases.map((c) => [c.caseId, c.caseDocuments.map((d) => d.localUid)])).toEqual([['cold', ['epicrisis']]]);
    expect(listed.unmatched).toEqual([]);
  });

  it('the cases page gets the epicrises that fit no case, and may put one into a case but not split it off', async () => {
    const { cases, record, history } = book();
    record('cold', 'set-1', 1, 'J06.9', '2026-11-02T10:00:00+03:00', { visitDate: '2026-11-02' });
    record('epicrisis', 'set-2', 1, 'K29.7', '2026-11-12T10:00:00+03:00', { kind: '42', visitDate: '2026-11-12' });
    const ask = async (frame: Parameters<typeof answerCasesFrame>[0]) => {
      let answer: AgentFrame | undefined;
      await answerCasesFrame(frame, { book: cases, history, today: () => '2026-11-26' }, (f) => (answer = f));
      return answer!;
    };
    expect(await ask({ type: 'cases', id: 'k1', snils: '15642781886' })).toMatchObject({
      type: 'cases', cases: [{ caseId: 'cold', documents: [] }],
      unmatched: [{ localUid: 'epicrisis', kind: '42', date: '2026-11-12', mainDiagnosis: 'K29.7', inIemk: false, patient: { snils: '15642781886' } }],
    });
    expect(await ask({ type: 'case-edit', id: 'k2', snils: '15642781886', edit: { action: 'split', localUid: 'epicrisis' } })).toMatchObject({ type: 'error', code: 'CASE_NOT_FOUND' });
    const moved = await ask({ type: 'case-edit', id: 'k3', snils: '15642781886', edit: { action: 'move', localUid: 'epicrisis', caseId: 'cold' } });
    expect(moved).toMatchObject({ type: 'cases', cases: [{ caseId: 'cold', documents: [{ localUid: 'epicrisis' }] }] });
    expect(moved).not.toHaveProperty('unmatched');
  });

  it('the admin API lists them beside the cases on request (include=unmatched), and the bare list stays as it was', async () => {
    const { cases, record } = book();
    record('cold', 'set-1', 1, 'J06.9', '2026-11-02T10:00:00+03:00', { visitDate: '2026-11-02' });
    record('epicrisis', 'set-2', 1, 'K29.7', '2026-11-12T10:00:00+03:00', { kind: '42', visitDate: '2026-11-12' });
    const app = express().use('/cases', createCasesApi({ book: cases, today: () => '2026-11-26' }));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanup.push(() => server.close());
    const get = async (query: string) => {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cases?${query}`);
      return { status: response.status, json: await response.json() };
    };
    const bare = await get('snils=15642781886');
    expect(bare.json).toMatchObject([{ caseId: 'cold' }]);
    expect(bare.json).toHaveLength(1);
    const both = await get('snils=15642781886&include=unmatched');
    expect(both).toMatchObject({
      status: 200,
      json: { cases: [{ caseId: 'cold' }], unmatched: [{ localUid: 'epicrisis', kind: '42', date: '2026-11-12', mainDiagnosis: 'K29.7', patient: { snils: '15642781886' } }] },
    });
    expect(await get('snils=15642781886&include=everything')).toMatchObject({ status: 400, json: { code: 'CASES_BAD_REQUEST', message: expect.stringContaining('include') } });

    cases.move('epicrisis', 'cold');
    expect((await get('snils=15642781886&include=unmatched')).json).toMatchObject({ cases: [{ caseId: 'cold', documents: [{ localUid: 'epicrisis' }] }], unmatched: [] });
  });

  it('looks each document\'s registration number up once for a send; a lookup that fails leaves it unlinked', async () => {
    const { cases, record } = book();
    record('consult', 'set-1', 1, 'J06.9', '2026-11-20T10:15:00+03:00', { visitDate: '2026-11-20' });
    record('referral', 'set-2', 1, 'J06.9', '2026-11-20T10:30:00+03:00', { kind: '185', visitDate: '2026-11-20' });
    const [c] = await cases.cases('15642781886', '2026-11-26');
    const asked: string[] = [];
    const registrationOf = await registrationsOf(caseDocumentsOf(c!), async (localUid) => {
      asked.push(localUid);
      if (localUid === 'referral') throw new Error('outbox closed');
      return '77.119.26.11.000007';
    });
    expect(asked.sort()).toEqual(['consult', 'referral']);
    const [consult, referral] = c!.visits[0]!.documents;
    expect([registrationOf(consult!), registrationOf(referral!)]).toEqual(['77.119.26.11.000007', undefined]);
  });
});
