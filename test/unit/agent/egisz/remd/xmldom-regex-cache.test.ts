/**
 * The xmldom grammar expressions are built once: the same parts give the same
 * RegExp (stateless: no g/y flag), and xmldom parses and refuses end tags
 * exactly as before.
 */
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import '../../../../../agent/egisz/remd/xmldom-regex-cache.ts';
import { parseXml, XmlParseError } from '../../../../../agent/egisz/remd/xml-reader.ts';

const grammar = createRequire(import.meta.url)('@xmldom/xmldom/lib/grammar.js') as {
  reg: (...parts: (RegExp | string)[]) => RegExp; QName_group: RegExp; S_OPT: RegExp;
};

test('the same parts give the same expression, which matches as a fresh one would', () => {
  const first = grammar.reg('^', grammar.QName_group, grammar.S_OPT, '$');
  expect(grammar.reg('^', grammar.QName_group, grammar.S_OPT, '$')).toBe(first);
  expect(grammar.reg('^', grammar.QName_group)).not.toBe(first);
  expect(first.exec('cda:section ')?.[1]).toBe('cda:section');
  expect(first.exec('1bad')).toBeNull();
  expect(first.global || first.sticky).toBe(false);
});

test('xmldom still reads end tags and refuses a mismatched one', () => {
  const doc = parseXml('<a:r xmlns:a="urn:a"><a:b>1</a:b ><c/></a:r>');
  expect(doc.documentElement?.childNodes.length).toBe(2);
  expect(() => parseXml('<r><b>1</c></r>')).toThrow(XmlParseError);
});
