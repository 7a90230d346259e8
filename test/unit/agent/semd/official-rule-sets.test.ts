// Every official schema set we ship compiles and its rules fire, including the
// kinds we do not build yet: `semd check` can verify documents of all six.
import { describe, expect, it, vi } from 'vitest';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { checkSchematron, locationOf } from '../../../../agent/semd/schematron-check.ts';
import { kindOfTemplate } from '../../../../agent/semd/semd-builders.ts';
import { checkXsd } from '../../../../agent/semd/xsd-check.ts';
import { demoConsultation, fixedIdentity, fullCareFacts } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const kinds: [kind: string, templateId: string][] = [
  ['119', '1.2.643.5.1.13.2.7.5.1.5.9.4'],
  ['186', '1.2.643.5.1.13.13.14.7.9.5'],
  ['174', '1.2.643.5.1.13.13.14.6.9.4'],
  ['185', '1.2.643.5.1.13.13.14.57.9.2'],
  ['148', '1.2.643.5.1.13.13.14.86.9.2'],
  ['42', '1.2.643.5.1.13.2.7.5.1.2.3'],
];

const consultation = buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts);

describe.each(kinds)('official rules of kind %s', (kind, templateId) => {
  const asKind = consultation.replace('1.2.643.5.1.13.2.7.5.1.5.9.4', templateId);

  it('is recognised by its templateId', () => {
    expect(kindOfTemplate(templateId)).toBe(kind);
  });

  it('XSD: compiles and rejects a document without typeId', async () => {
    const result = await checkXsd(asKind.replace(/\s*<typeId [^>]*\/>/, ''), kind);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/templateId.*not expected|typeId/);
  });

  it('Schematron: fires a templateId rule when templateId is removed', async () => {
    const { findings } = await checkSchematron(asKind.replace(/\s*<templateId [^>]*\/>/, ''), kind);
    expect(findings.some((f) => f.location === '/ClinicalDocument' && f.message.includes('templateId'))).toBe(true);
  });

  it('Schematron: the context pre-filter changes nothing', async () => {
    const fast = await checkSchematron(asKind, kind);
    const full = await checkSchematron(asKind, kind, { prefilter: false });
    expect(fast.findings.map((f) => `${f.location} ${f.message}`).sort()).toEqual(full.findings.map((f) => `${f.location} ${f.message}`).sort());
  });
});

describe('anchored rule contexts select what the plain Schematron pattern selects', () => {
  it.each(kinds)('kind %s', async (kind, templateId) => {
    const { DOMParser } = await import('@xmldom/xmldom');
    const fontoxpath = (await import('fontoxpath')).default;
    const { ruleSet, bindCurrent } = await import('../../../../agent/semd/schematron-rules.ts');
    const { withCachedRegex } = await import('../../../../agent/semd/schematron-regex.ts');
    const rules = await ruleSet(kind);
    const xml = consultation.replace('1.2.643.5.1.13.2.7.5.1.5.9.4', templateId).replace(' xmlns="urn:hl7-org:v3"', '');
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const options = { namespaceResolver: (p?: string | null) => (p ? (rules.namespaces.get(p) ?? null) : null) };
    let compared = 0;
    for (const rule of rules.patterns.flatMap((p) => p.rules)) {
      const plain = withCachedRegex(rule.context.startsWith('/') ? bindCurrent(rule.context) : `//(${bindCurrent(rule.context)})`);
      const expected = fontoxpath.evaluateXPathToNodes(plain, doc, null, {}, options);
      const actual = fontoxpath.evaluateXPathToNodes(rule.anchored, doc, null, {}, options);
      const paths = (nodes: unknown[]) => nodes.map((n) => locationOf(n as never)).sort();
      expect(paths(actual), rule.context).toEqual(paths(expected));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
