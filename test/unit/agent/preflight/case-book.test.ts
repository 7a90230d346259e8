import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmkClient } from '../../../../agent/egisz/iemk/emk-client.ts';
import { CaseBook } from '../../../../agent/preflight/case-book.ts';
import { sendCaseToIemk } from '../../../../agent/preflight/case-iemk-sync.ts';
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
  const record = (localUid: string, setId: string, versionNumber: number, code: string, createdAt: string) => {
    const r = demoConsultation();
    r.encounter = { ...r.encounter, caseId: undefined, diagnoses: [{ code, role: 'main' }] };
    history.record({
      ...visitFingerprint(r), conclusionHash: conclusionHash(r), localUid, setId, versionNumber,
      patientLastName: r.patient.lastName, patientFirstName: r.patient.firstName, patientBirthDate: r.patient.birthDate,
      createdAt, details: JSON.stringify(visitDetails(r)),
    });
  };
  return { cases, record };
}

describe('CaseBook', () => {
  it('counts a corrected document once: the latest version\'s content under the first version\'s localUid', async () => {
    const { cases, record } = book();
    record('v1', 'set-1', 1, 'J06.9', '2026-11-26T10:15:00+03:00');
    record('v2', 'set-1', 2, 'J06.0', '2026-11-26T10:40:00+03:00');
    // Another document of the same illness that day (a referral, say): a set of its own.
    record('other', 'set-2', 1, 'J06.9', '2026-11-26T11:00:00+03:00');
    const [only, ...more] = await cases.cases('15642781886', '2026-11-26');
    expect(more).toEqual([]);
    expect(only!.visits.map((v) => [v.localUid, v.mainDiagnosis])).toEqual([['other', 'J06.9'], ['v1', 'J06.0']]);
  });

  it('a correction sent after its first version adds no second IEMK step', async () => {
    const { cases, record } = book();
    const steps: string[] = [];
    const client = {
      addCase: async () => {}, addMedRecord: async () => {}, closeCase: async () => {},
      addStepToCase: async (_ref: unknown, step: { idStepMis: string }) => void steps.push(step.idStepMis),
    } as unknown as EmkClient;
    record('v1', 'set-1', 1, 'J06.9', '2026-11-26T10:15:00+03:00');
    await sendCaseToIemk((await cases.cases('15642781886', '2026-11-26'))[0]!, cases, client);
    record('v2', 'set-1', 2, 'J06.0', '2026-11-26T10:40:00+03:00');
    await sendCaseToIemk((await cases.cases('15642781886', '2026-11-26'))[0]!, cases, client);
    expect(steps).toEqual(['v1']);
  });
});
