// Every official schema set we ship compiles and its rules fire: `semd check`
// can verify documents of all six kinds, whatever built them.
import { describe, expect, it, vi } from 'vitest';
import { buildAmbulatoryEpicrisis42 } from '../../../../agent/semd/ambulatory-epicrisis-42.ts';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { checkSchematron, locationOf } from '../../../../agent/semd/schematron-check.ts';
import { kindOfTemplate } from '../../../../agent/semd/semd-builders.ts';
import { checkXsd } from '../../../../agent/semd/xsd-check.ts';
import { DOMParser } from '@xmldom/xmldom';
import fontoxpath from 'fontoxpath';
import { compileTest } from '../../../../agent/semd/schematron-fast.ts';
import { selectPlanned } from '../../../../agent/semd/schematron-match.ts';
import { withCachedRegex } from '../../../../agent/semd/schematron-regex.ts';
import { bindCurrent, ruleSet } from '../../../../agent/semd/schematron-rules.ts';
import {
  demoConsultation,
  fixedIdentity,
  fullCareFacts,
  maximalAmbulatoryCase,
  maximalCareFacts,
  maximalConsultation,
  minimalAmbulatoryCase,
} from '../../../fixtures/semd/demo-record.ts';

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

describe('the engine shortcuts agree with plain XPath on the official rule sets', () => {
  const documents = (templateId: string): string[] =>
    [
      consultation,
      buildConsultation119(demoConsultation(), fixedIdentity),
      buildConsultation119(maximalConsultation(), fixedIdentity, maximalCareFacts),
      consultation.replace(/<addr>[\s\S]*?<\/addr>/, '<addr nullFlavor="NI"/>').replace(/\s*<templateId [^>]*\/>/, ''),
      // Kind 42's body rules (AMBS, AMBSV, SUM…) only meet a body of its own.
      ...(templateId === '1.2.643.5.1.13.2.7.5.1.2.3' ? [minimalAmbulatoryCase(), maximalAmbulatoryCase()].map((r) => buildAmbulatoryEpicrisis42(r, fixedIdentity)) : []),
    ].map((xml) => xml.replace('1.2.643.5.1.13.2.7.5.1.5.9.4', templateId).replace(' xmlns="urn:hl7-org:v3"', ''));

  it.each(kinds)('kind %s: anchored, planned and compiled forms select and answer as XPath does', async (kind, templateId) => {
    const rules = await ruleSet(kind);
    const options = { namespaceResolver: (p?: string | null) => (p ? (rules.namespaces.get(p) ?? null) : null) };
    const xpath = (expr: string, node: unknown) => fontoxpath.evaluateXPathToBoolean(expr, node, null, {}, options);
    const holds = (p: string, el: unknown) => compileTest(p, rules.namespaces)?.(el as never) ?? xpath(p, el);
    const paths = (nodes: unknown[]) => nodes.map((n) => locationOf(n as never)).sort();
    let contexts = 0;
    let compiled = 0;
    for (const xml of documents(templateId)) {
      const doc = new DOMParser().parseFromString(xml, 'text/xml');
      for (const rule of rules.patterns.flatMap((p) => p.rules)) {
        const plain = withCachedRegex(rule.context.startsWith('/') ? bindCurrent(rule.context) : `//(${bindCurrent(rule.context)})`);
        const expected = fontoxpath.evaluateXPathToNodes(plain, doc, null, {}, options);
        expect(paths(fontoxpath.evaluateXPathToNodes(rule.anchored, doc, null, {}, options)), rule.context).toEqual(paths(expected));
        if (rule.plan) expect(paths(selectPlanned(rule.plan, doc.documentElement as never, holds)), rule.context).toEqual(paths(expected));
        contexts++;
        for (const node of expected) {
          for (const a of rule.assertions) {
            const fast = compileTest(a.test, rules.namespaces);
            if (!fast) continue;
            let slow: boolean | string;
            try {
              slow = xpath(a.test, node);
            } catch {
              slow = 'error';
            }
            if (slow !== 'error') expect(fast(node as never), `${rule.context} :: ${a.test}`).toBe(slow);
            compiled++;
          }
        }
      }
    }
    expect(contexts).toBeGreaterThan(400);
    expect(compiled).toBeGreaterThan(100);
  });
});
