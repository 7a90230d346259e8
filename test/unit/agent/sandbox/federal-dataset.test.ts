import { describe, expect, it } from 'vitest';
import { demoClientEntityId, demoDoctor, demoOrganization, demoPatient } from '../../../../agent/demo/demo-clinic.ts';
import {
  activeOn, checkDataset, FederalDatasetError, findOrganization, findPatient, findStaff, findSystem, loadFederalDataset,
} from '../../../../agent/sandbox/federal-dataset.ts';

describe('federal-dataset', () => {
  it('holds the demo clinic', () => {
    const d = loadFederalDataset();
    expect(findSystem(d, demoClientEntityId)?.active).toBe(true);
    expect(findOrganization(d, demoOrganization.oid)?.boundSystems).toContain(demoClientEntityId);
    expect(findStaff(d, demoDoctor.snils)?.cards[0]?.organization).toBe(demoOrganization.oid);
    expect(findPatient(d, demoPatient.snils)).toMatchObject({ lastName: demoPatient.lastName, birthDate: demoPatient.birthDate });
  });

  it.each([
    [null], [{}], [{ systems: [], organizations: [], staff: [] }],
    [{ systems: [{}], organizations: [], staff: [], patients: [] }],
    [{ systems: [], organizations: [], staff: [{ lastName: 'x' }], patients: [] }],
  ])('refuses %j', (data) => {
    expect(() => checkDataset(data)).toThrow(FederalDatasetError);
  });

  it('refuses a file that is not there', () => {
    expect(() => loadFederalDataset('/nonexistent/dataset.json')).toThrow(/не прочитан/);
  });

  it.each([
    ['2020-01-01', '2010-01-01', null, true],
    ['2009-12-31', '2010-01-01', null, false],
    ['2020-12-31', '2005-01-01', '2020-12-31', true],
    ['2021-01-01', '2005-01-01', '2020-12-31', false],
  ])('%s within [%s, %s]: %s', (day, from, to, inside) => {
    expect(activeOn(day, from, to)).toBe(inside);
  });
});
