import { describe, expect, it, vi } from 'vitest';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { checkXsd } from '../../../../agent/semd/xsd-check.ts';
import { demoConsultation, fixedIdentity } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const valid = buildConsultation119(demoConsultation(), fixedIdentity);

describe('checkXsd', () => {
  it('accepts a valid document', async () => {
    expect((await checkXsd(valid, '119')).ok).toBe(true);
  });

  it('rejects a document without the required recordTarget, naming the line', async () => {
    const broken = valid.replace(/<recordTarget>[\s\S]*<\/recordTarget>/, '');
    const result = await checkXsd(broken, '119');
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.message).toMatch(/author.*not expected.*recordTarget/s);
    expect(result.errors[0]?.line).toBeGreaterThan(1);
    expect(result.errors[0]?.location).toBe('/ClinicalDocument/author');
  });

  it('rejects a value of the wrong datatype', async () => {
    const broken = valid.replace('<versionNumber value="1"/>', '<versionNumber value="один"/>');
    const result = await checkXsd(broken, '119');
    expect(result.ok).toBe(false);
    expect(result.errors.some((e) => e.message.includes('versionNumber'))).toBe(true);
  });

  it('reports malformed XML as an error, not a crash', async () => {
    const result = await checkXsd('<ClinicalDocument xmlns="urn:hl7-org:v3"><title>', '119');
    expect(result.ok).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('refuses a kind it has no schema for with a stable code', async () => {
    await expect(checkXsd(valid, '999')).rejects.toMatchObject({ code: 'DOCUMENT_SCHEMA_MISSING' });
    await expect(checkXsd(valid, '../119')).rejects.toMatchObject({ code: 'DOCUMENT_SCHEMA_MISSING' });
  });
});
