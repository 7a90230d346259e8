import { describe, expect, it } from 'vitest';
import { anchor, bindCurrent, parseRuleSet } from '../../../../agent/semd/schematron-rules.ts';

const sch = (body: string) =>
  `\uFEFF<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2"><ns prefix="identity" uri="urn:hl7-ru:identity"/>${body}</schema>`;

describe('reading an official Schematron', () => {
  it('keeps patterns, rules, assertions in order, with their rule numbers', () => {
    const set = parseRuleSet('1', sch(`<pattern><rule context="ClinicalDocument">
      <assert test="count(realmCode)=1">У1-9. Элемент должен иметь 1 элемент realmCode.</assert>
      <report test="@nullFlavor">Без номера.</report></rule></pattern>`));
    expect(set.namespaces.get('identity')).toBe('urn:hl7-ru:identity');
    const rule = set.patterns[0]?.rules[0];
    expect(rule?.anchored).toBe('/ClinicalDocument');
    expect(rule?.assertions).toEqual([
      { test: 'count(realmCode)=1', isReport: false, message: 'У1-9. Элемент должен иметь 1 элемент realmCode.', ruleId: 'У1-9' },
      { test: '@nullFlavor', isReport: true, message: 'Без номера.' },
    ]);
  });

  it('anchors contexts as Schematron patterns match, descendant:: only where no predicate is positional', () => {
    expect(anchor('//code[not(@nullFlavor)] | //confidentialityCode')).toBe('/descendant::code[not(@nullFlavor)] | /descendant::confidentialityCode');
    expect(anchor("section/code[@code='DGN']")).toBe("/descendant::section/code[@code='DGN']");
    expect(anchor('ClinicalDocument/id')).toBe('/ClinicalDocument/id');
    expect(anchor('/ClinicalDocument/id')).toBe('/ClinicalDocument/id');
    expect(anchor('//id[1]')).toBe('//(id[1])');
    expect(anchor('//id[last()]/x')).toBe('//(id[last()]/x)');
    expect(anchor('//a//b')).toBe('//(a//b)');
  });

  it('refuses Schematron features the engine does not implement', () => {
    expect(() => parseRuleSet('1', sch('<let name="x" value="1"/>'))).toThrow(expect.objectContaining({ code: 'DOCUMENT_SCHEMA_MISSING' }));
    expect(() => parseRuleSet('1', '<notschematron/>')).toThrow(expect.objectContaining({ code: 'DOCUMENT_SCHEMA_MISSING' }));
  });

  it('binds current() in a last-step predicate to the matched node', () => {
    expect(bindCurrent("//a/id[count(//b/id[@x=current()/@x])=0]")).toBe("//a/id[let $current := . return (count(//b/id[@x=$current/@x])=0)]");
    expect(bindCurrent("a[x='[y]']/c[1][current()/@e = 'q]']")).toBe("a[x='[y]']/c[1][let $current := . return ($current/@e = 'q]')]");
    expect(bindCurrent('a/b')).toBe('a/b');
    expect(() => bindCurrent('a[current()]/b')).toThrow(expect.objectContaining({ code: 'DOCUMENT_SCHEMA_MISSING' }));
  });
});
