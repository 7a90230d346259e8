import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';
import { NOW, sampleRecord } from '../validate/sample-record.ts';
import {
  instrumentalFacts, maximalAmbulatoryCase, maximalInstrumental, maximalLaboratory, maximalPrescription, maximalReferral, referralFacts,
} from '../../../fixtures/semd/demo-record.ts';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  minItems?: number;
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
};
const root = JSON.parse(readFileSync(new URL('../../../../shared/schema/record.schema.json', import.meta.url), 'utf8')) as Schema & {
  $defs: Record<string, Schema>;
};

/** The subset of JSON Schema the record schema uses; returns the paths that break it. */
function violations(schema: Schema, value: unknown, path = ''): string[] {
  if (schema.$ref) return violations(root.$defs[schema.$ref.replace('#/$defs/', '')] ?? {}, value, path);
  if (schema.enum) return schema.enum.includes(value) ? [] : [path];
  if (schema.type === 'string') {
    if (typeof value !== 'string') return [path];
    const short = schema.minLength !== undefined && value.length < schema.minLength;
    return short || (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) ? [path] : [];
  }
  if (schema.type === 'array') {
    if (!Array.isArray(value) || value.length < (schema.minItems ?? 0)) return [path];
    return value.flatMap((item, i) => violations(schema.items ?? {}, item, `${path}.${i}`));
  }
  if (schema.type === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [path];
    const obj = value as Record<string, unknown>;
    const missing = (schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${path}.${k}`);
    const extra = schema.additionalProperties === false ? Object.keys(obj).filter((k) => !schema.properties?.[k]).map((k) => `${path}.${k}`) : [];
    const inner = Object.entries(obj).flatMap(([k, v]) => (schema.properties?.[k] ? violations(schema.properties[k], v, `${path}.${k}`) : []));
    return [...missing, ...extra, ...inner];
  }
  return [];
}
const check = (value: unknown) => violations(root, value).map((p) => p.slice(1));

describe('record.schema.json', () => {
  it('accepts the demo record, every optional field included', () => {
    const r = sampleRecord();
    r.patient.enp = '8451999122899990';
    r.patient.identityDocument = { type: '1', series: '4510', number: '123456', issueDate: '2000-06-01', issuedBy: 'ОВД' };
    r.encounter.closeDate = '2026-11-25';
    r.document.localUid = '7d0f6c1e-4b8e-4f43-9a55-0b8e1f6b2a10';
    expect(check(r)).toEqual([]);
    expect(validateRecord(r, { now: NOW })).toEqual([]);
  });

  it('accepts a prescription (kind 148) and rejects a dose as a bare number', () => {
    const r = maximalPrescription();
    expect(check(r)).toEqual([]);
    (r.prescription as unknown as { dose: string }).dose = '1';
    expect(check(r)).toEqual(['prescription.dose']);
  });

  it('accepts a closed ambulatory case (kind 42) and rejects a visit without services', () => {
    const r = maximalAmbulatoryCase();
    expect(check(r)).toEqual([]);
    r.ambulatoryCase!.visits[1]!.services = [];
    expect(check(r)).toEqual(['ambulatoryCase.visits.1.services']);
  });

  it('accepts a referral (185) and a study (174) in the record and rejects a referral without its organization', () => {
    const r = { ...maximalReferral(), referral: structuredClone(referralFacts.referral!) };
    expect(check(r)).toEqual([]);
    expect(check({ ...maximalInstrumental(), study: instrumentalFacts.study })).toEqual([]);
    const { organization: _o, ...nowhere } = r.referral;
    expect(check({ ...r, referral: nowhere })).toEqual(['referral.organization']);
  });

  it('accepts a laboratory study (kind 186) and rejects a result without its test', () => {
    const r = maximalLaboratory();
    expect(check(r)).toEqual([]);
    const results = r.laboratory!.results;
    const { test: _t, ...untested } = results[0]!;
    results[0] = untested as (typeof results)[0];
    expect(check(r)).toEqual(['laboratory.results.0.test']);
  });

  it.each<[string, (r: ReturnType<typeof sampleRecord>) => void, string]>([
    ['unknown gender', (r) => ((r.patient as { gender: string }).gender = 'M'), 'patient.gender'],
    ['date as DD.MM.YYYY', (r) => (r.encounter.visitDate = '25.11.2026'), 'encounter.visitDate'],
    ['Latin look-alike in a name', (r) => (r.patient.lastName = 'Петрoв'), 'patient.lastName'],
    ['createdAt without offset', (r) => (r.document.createdAt = '2026-11-25T10:15:00'), 'document.createdAt'],
    ['МКБ code with a comma', (r) => (r.encounter.diagnoses[0]!.code = 'J06,9'), 'encounter.diagnoses.0.code'],
    ['no diagnoses', (r) => (r.encounter.diagnoses = []), 'encounter.diagnoses'],
    ['organization OID outside FRMO', (r) => (r.organization.oid = '1.2.3'), 'organization.oid'],
  ])('rejects %s, as validateRecord does', (_name, change, path) => {
    const r = sampleRecord();
    change(r);
    expect(check(r)).toContain(path);
    expect(validateRecord(r, { now: NOW }).map((i) => i.path)).toContain(path);
  });

  // The schema describes the normalised record; validateRecord also reads drafts as scraped.
  it.each<[string, (r: ReturnType<typeof sampleRecord>) => void, string]>([
    ['SNILS with separators', (r) => (r.patient.snils = '156-427-818 86'), 'patient.snils'],
    ['an unknown field', (r) => Object.assign(r.patient, { nickname: 'x' }), 'patient.nickname'],
  ])('rejects %s, which a draft may still carry', (_name, change, path) => {
    const r = sampleRecord();
    change(r);
    expect(check(r)).toEqual([path]);
    expect(validateRecord(r, { now: NOW })).toEqual([]);
  });

  it('requires the five sections', () => {
    expect(check({})).toEqual(['patient', 'practitioner', 'organization', 'encounter', 'document']);
  });
});
