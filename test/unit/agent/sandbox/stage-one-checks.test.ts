import { describe, expect, it } from 'vitest';
import type { RegisterDocumentRequest } from '../../../../agent/egisz/remd/register-document.ts';
import { loadFederalDataset } from '../../../../agent/sandbox/federal-dataset.ts';
import { checkRequest, checkSystem } from '../../../../agent/sandbox/stage-one-checks.ts';
import { sampleRequest } from '../egisz/remd/sample-request.ts';

const dataset = loadFederalDataset();
const demoSystem = '6f1c1f8e-3b1a-4c55-9d3e-5a7d2b9c0e11';
const now = new Date('2026-11-26T09:00:00Z');
const codes = (change: (r: RegisterDocumentRequest) => void, missing: string[] = [], system = demoSystem) => {
  const request = sampleRequest();
  change(request);
  return checkRequest(dataset, system, { request, missing }, now).map((e) => e.code);
};

describe('stage-one-checks', () => {
  it.each([
    [demoSystem, []],
    ['0b7e2d54-91c3-4f0a-8e6d-2c4f9a1b7d30', ['DISABLED_RMIS']],
    ['ffffffff-0000-4000-8000-000000000000', ['NO_RMIS']],
    [undefined, ['NO_RMIS']],
  ])('checks the system %s', (id, expected) => {
    expect(checkSystem(dataset, id).map((e) => e.code)).toEqual(expected);
  });

  it('passes the demo request', () => {
    expect(codes(() => {})).toEqual([]);
  });

  it.each<[string, (r: RegisterDocumentRequest) => void, string[]]>([
    ['bad patient SNILS checksum', (r) => { r.patient.snils = '15642781887'; }, ['VALIDATION_ERROR']],
    ['bad signer SNILS checksum', (r) => { r.personalSignatures[0]!.signer.snils = '11223344596'; }, ['VALIDATION_ERROR']],
    ['no signatures', (r) => { r.personalSignatures = []; }, ['NO_SIGNATURE']],
    ['localUid not a UUID', (r) => { r.localUid = 'doc-1'; }, ['VALIDATION_ERROR']],
    ['organization unknown to FRMO', (r) => { r.organization = '1.2.643.5.1.13.13.12.2.77.9999'; }, ['ORG_NOT_FOUND_IN_FRMO']],
    ['organization bound to another system', (r) => { r.organization = '1.2.643.5.1.13.13.12.2.77.7702'; r.department = undefined; r.personalSignatures[0]!.signer.department = undefined; }, ['VALIDATION_ERROR']],
    ['closed organization', (r) => { r.organization = '1.2.643.5.1.13.13.12.2.77.7703'; r.department = undefined; r.personalSignatures[0]!.signer.department = undefined; }, ['NO_ORG_ON_DATE']],
    ['unknown department', (r) => { r.department = '1.2.643.5.1.13.13.12.2.77.7701.0.999'; }, ['NO_DEPARTMENT']],
    ['creation in the future', (r) => { r.creationDateTime = '2026-11-26T13:00:00+03:00'; }, ['WRONG_CREATION_DATE']],
    ['creation without a zone', (r) => { r.creationDateTime = '2026-11-26T10:15:00'; }, ['VALIDATION_ERROR']],
  ])('refuses %s', (_name, change, expected) => {
    expect(codes(change)).toEqual(expected);
  });

  it('refuses an organization outside the region of a regional system', () => {
    const regional = loadFederalDataset();
    regional.systems.find((s) => s.clientEntityId === demoSystem)!.region = '50';
    const errors = checkRequest(regional, demoSystem, { request: sampleRequest(), missing: [] }, now);
    expect(errors.map((e) => e.code)).toEqual(['RMIS_REGION_MISMATCH']);
  });

  it('names missing patient names with their own codes', () => {
    expect(codes(() => {}, ['patient.lastName', 'patient.firstName', 'kind'])).toEqual(['PATIENT_SURNAME_NOT_FOUND', 'PATIENT_NAME_NOT_FOUND', 'VALIDATION_ERROR']);
  });
});
