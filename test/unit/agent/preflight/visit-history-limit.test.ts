/**
 * VisitHistory.forPatient with a limit: the newest rows of the patient only,
 * by SNILS or by the MIS's patient id (pre-flight reads 50 per document).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { VisitHistory } from '../../../../agent/preflight/visit-history.ts';

test('forPatient answers the newest `limit` rows, all without one', () => {
  const history = new VisitHistory(join(mkdtempSync(join(tmpdir(), 'egisz-visits-')), 'preflight.sqlite'));
  const row = (localUid: string, day: string, snils = '11223344595', patientLocalId?: string) => history.record({
    patientSnils: snils, kind: '119', doctorSnils: '12345678964', visitDate: `2026-11-${day}`, contentHash: localUid,
    localUid, setId: localUid, versionNumber: 1, conclusionHash: localUid, patientLastName: 'Петров', patientFirstName: 'Иван',
    patientBirthDate: '1980-01-01', createdAt: `2026-11-${day}T10:00:00+03:00`, ...(patientLocalId ? { patientLocalId } : {}),
  });
  row('a', '01');
  row('c', '03');
  row('b', '02', '00000000000', 'mis-7');
  row('other', '04', '00000000000');
  expect(history.forPatient('11223344595').map((r) => r.localUid)).toEqual(['c', 'a']);
  expect(history.forPatient('11223344595', undefined, 1).map((r) => r.localUid)).toEqual(['c']);
  expect(history.forPatient('11223344595', 'mis-7', 2).map((r) => r.localUid)).toEqual(['c', 'b']);
  history.close();
});
