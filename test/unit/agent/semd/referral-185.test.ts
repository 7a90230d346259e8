import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { buildReferral185 } from '../../../../agent/semd/referral-185.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { checkSchematron } from '../../../../agent/semd/schematron-check.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import { fixedIdentity, maximalCareFacts, maximalReferral, minimalReferral, referralFacts } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const golden = new URL('../../../fixtures/semd/referral-185.golden.xml', import.meta.url);
const clean = { ok: true, xsd: [], schematron: [], issues: [] };

describe('buildReferral185', () => {
  it('builds a minimal referral that passes the official 185 XSD and Schematron', async () => {
    expect(await checkSemd(buildReferral185(minimalReferral(), fixedIdentity, referralFacts), '185')).toEqual(clean);
  });

  it('builds a maximal referral that passes them too', async () => {
    const xml = buildReferral185(maximalReferral(), fixedIdentity, { ...maximalCareFacts, ...referralFacts });
    expect(await checkSemd(xml, '185')).toEqual(clean);
    expect(xml).toContain('<identity:Okpo>01234567</identity:Okpo>');
    expect(xml).toContain('<originalText>Консультация врача-кардиолога</originalText>');
  });

  it('matches the golden file byte for byte', () => {
    const xml = buildReferral185(maximalReferral(), fixedIdentity, { ...maximalCareFacts, ...referralFacts });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, xml);
    expect(xml).toBe(readFileSync(golden, 'utf8'));
  });

  it('writes the Russian extensions without xsi:type, as the modular schema wants', () => {
    const xml = buildReferral185(maximalReferral(), fixedIdentity, { ...maximalCareFacts, ...referralFacts });
    expect(xml).not.toMatch(/<(identity|address|fias|medService):[A-Za-z]+[^>]*xsi:type/);
    expect(xml).toContain('<value xsi:type="CD" code="J06.9"');
  });

  it('is what buildSemd makes of a kind 185 record', () => {
    const built = buildSemd(minimalReferral(), fixedIdentity, referralFacts);
    expect(built).toMatchObject({ kind: '185', title: 'Направление на консультацию и во вспомогательные кабинеты' });
    expect(built.xml).toContain('1.2.643.5.1.13.13.14.57.9.2');
  });

  it('fires the official rules on a broken referral', async () => {
    const xml = buildReferral185(minimalReferral(), fixedIdentity, referralFacts).replace(
      'codeSystem="1.2.643.5.1.13.13.11.1077"',
      'codeSystem="1.2.643.5.1.13.13.11.1078"',
    );
    const { findings } = await checkSchematron(xml, '185');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.message).join('\n')).toContain('1.2.643.5.1.13.13.11.1077');
  });

  it('needs the patient address in its modular schema, and says so on patient.address', async () => {
    const record = minimalReferral();
    delete record.patient.address;
    const result = await checkSemd(buildReferral185(record, fixedIdentity, referralFacts), '185');
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'DOCUMENT_XSD_INVALID', path: 'patient.address' })]);
  });

  it('cannot make a valid referral without saying where to', async () => {
    const result = await checkSemd(buildReferral185(minimalReferral(), fixedIdentity, { ...referralFacts, referral: undefined }), '185');
    expect(result.ok).toBe(false);
    expect(result.xsd.map((e) => e.message).join('\n')).toContain('structuredBody');
  });
});
