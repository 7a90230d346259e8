import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { buildInstrumental174 } from '../../../../agent/semd/instrumental-174.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { attributeFindings, checkSemd } from '../../../../agent/semd/semd-check.ts';
import {
  fixedIdentity,
  instrumentalFacts,
  maximalCareFacts,
  maximalInstrumental,
  minimalInstrumental,
  minimalInstrumentalFacts,
  referralFacts,
} from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const golden = new URL('../../../fixtures/semd/instrumental-174.golden.xml', import.meta.url);
const clean = { ok: true, xsd: [], schematron: [], issues: [] };
const maximalFacts = { ...maximalCareFacts, ...referralFacts, ...instrumentalFacts };

describe('buildInstrumental174', () => {
  it('builds a minimal protocol that passes the official 174 XSD and Schematron', async () => {
    expect(await checkSemd(buildInstrumental174(minimalInstrumental(), fixedIdentity, minimalInstrumentalFacts), '174')).toEqual(clean);
  });

  it('builds a maximal protocol that passes them too, with the number, protocol and conclusion', async () => {
    const xml = buildInstrumental174(maximalInstrumental(), fixedIdentity, maximalFacts);
    expect(await checkSemd(xml, '174')).toEqual(clean);
    expect(xml).toContain('<value xsi:type="ST">К-0002</value>');
    expect(xml).toContain('Ритм синусовый');
  });

  it('matches the golden file byte for byte', () => {
    const xml = buildInstrumental174(maximalInstrumental(), fixedIdentity, maximalFacts);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, xml);
    expect(xml).toBe(readFileSync(golden, 'utf8'));
  });

  it('is what buildSemd makes of a kind 174 record', () => {
    expect(buildSemd(minimalInstrumental(), fixedIdentity, minimalInstrumentalFacts)).toMatchObject({
      kind: '174',
      title: 'Протокол инструментального исследования',
    });
  });

  it('reports the missing study on the record part, and as a care fact for a record that leaves it to the clinic (rule У3-5)', async () => {
    const record = minimalInstrumental();
    const result = await checkSemd(buildInstrumental174(record, fixedIdentity, { ...minimalInstrumentalFacts, study: undefined }), '174');
    expect(result.ok).toBe(false);
    expect(result.schematron).toContainEqual(expect.objectContaining({ ruleId: 'У3-5', path: 'study' }));
    expect(attributeFindings(result, record).issues).toContainEqual(expect.objectContaining({ path: 'careFacts.study' }));
  });
});
