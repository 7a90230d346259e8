import fontoxpath from 'fontoxpath';
import { describe, expect, it, vi } from 'vitest';
import { registerRegexFunctions, withCachedRegex } from '../../../../agent/semd/schematron-regex.ts';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { checkSchematron } from '../../../../agent/semd/schematron-check.ts';
import { demoConsultation, fixedIdentity, fullCareFacts } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

describe('cached fn:matches for the Schematron', () => {
  it('rewrites matches( calls and nothing else', () => {
    expect(withCachedRegex("matches(@root,'^1$') and fn:matches(., 'a', 'i')")).toBe(
      "Q{urn:egisz-bridge:semd:regex}matches(@root,'^1$') and Q{urn:egisz-bridge:semd:regex}matches(., 'a', 'i')",
    );
    expect(withCachedRegex('my-matches(x) or local:matches(y)')).toBe('my-matches(x) or local:matches(y)');
  });

  it('answers as fn:matches does on the official patterns', () => {
    registerRegexFunctions();
    const cases: [string, string, string][] = [
      ['1.2.643.5.1.13.13.12.2.77.7701.100.1.1.51', '^[0-2](\\.([1-9][0-9]*|0))+\\.100([.]([1-9][0-9]*|0))+\\.51$', ''],
      ['1.2.643.5.1.13.13.12.2.77.7701.100.1.1.50', '^[0-2](\\.([1-9][0-9]*|0))+\\.100([.]([1-9][0-9]*|0))+\\.51$', ''],
      ['202611261015+0300', '^[1-2]{1}[0-9]{3}[0-1]{1}[0-9]{1}[0-3]{1}[0-9]{1}[0-2]{1}[0-9]{1}[0-5]{1}[0-9]{1}\\+[0-2]{1}[0-9]{1}[0-5]{1}[0]{1}$', ''],
      ['tel:+7(495)123-45-67', '^tel:\\+?[-0-9().]+$', ''],
    ];
    for (const [input, pattern, flags] of cases) {
      const args = flags ? `$i, $p, '${flags}'` : '$i, $p';
      const ours = fontoxpath.evaluateXPathToBoolean(withCachedRegex(`matches(${args})`), null, null, { i: input, p: pattern });
      const builtin = fontoxpath.evaluateXPathToBoolean(`matches(${args})`, null, null, { i: input, p: pattern });
      expect(ours).toBe(builtin);
    }
  });

  it('supports the flags argument that fontoxpath lacks (186.sch uses it)', () => {
    registerRegexFunctions();
    const test = (input: string) =>
      fontoxpath.evaluateXPathToBoolean(withCachedRegex("matches($i, '^Отдельные лабораторные тесты$', 'i')"), null, null, { i: input });
    expect(test('Отдельные ЛАБОРАТОРНЫЕ тесты')).toBe(true);
    expect(test('Другие тесты')).toBe(false);
  });

  it('still fires the regex rules of 119.sch (document id root must end in .51: У1-12, repeated as У1-18)', async () => {
    const xml = buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts).replace('.100.1.1.51"', '.100.1.1.52"');
    const { findings } = await checkSchematron(xml, '119');
    expect(findings.map((f) => f.ruleId)).toEqual(['У1-12', 'У1-18']);
  });
});
