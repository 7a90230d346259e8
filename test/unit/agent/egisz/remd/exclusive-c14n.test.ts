import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../../../agent/egisz/remd/exclusive-c14n.ts';
import { parseXml } from '../../../../../agent/egisz/remd/xml-reader.ts';
import type { Element } from '../../../../../agent/egisz/remd/xml-reader.ts';

const root = (xml: string) => parseXml(xml).documentElement as unknown as Element;
const find = (el: Element, localName: string): Element => {
  const all = el.getElementsByTagNameNS('*', localName);
  return all.item(0) as unknown as Element;
};

describe('exclusive-c14n', () => {
  // The example of the Exclusive XML Canonicalization recommendation, §2.2: the same
  // subtree in two documents with different ancestors canonicalizes identically.
  it('renders the recommendation example the same under both ancestors', () => {
    const first = root(`<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
    <n3:stuff xmlns:n3="ftp://example.org"/>
  </n1:elem2></n0:local>`);
    const second = root(`<n2:pdu xmlns:n1="http://example.com" xmlns:n2="http://foo.example" xml:lang="fr" xml:space="retain"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
    <n3:stuff xmlns:n3="ftp://example.org"/>
  </n1:elem2></n2:pdu>`);
    const expected = `<n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
    <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>
  </n1:elem2>`;
    expect(canonicalize(find(first, 'elem2'))).toBe(expected);
    expect(canonicalize(find(second, 'elem2'))).toBe(expected);
  });

  it('does not depend on how the document was written', () => {
    const a = root(`<r xmlns="urn:d" xmlns:p="urn:p" xmlns:unused="urn:u"><p:e z='1' a="2" p:m="3"/></r>`);
    const b = root(`<r xmlns="urn:d"><p:e   xmlns:p="urn:p" p:m="3"
      a="2" z="1" ></p:e></r>`);
    const expected = '<r xmlns="urn:d"><p:e xmlns:p="urn:p" a="2" z="1" p:m="3"></p:e></r>';
    expect(canonicalize(a)).toBe(expected);
    expect(canonicalize(b)).toBe(expected);
  });

  it('sorts namespace declarations by prefix, default first, and attributes by namespace then name', () => {
    // Prefix a is bound to urn:b and b to urn:a: declarations follow the prefixes, attributes the URIs.
    const el = root(`<b:e xmlns:b="urn:a" xmlns:a="urn:b" xmlns="urn:z" a:x="1" b:y="2" c="3"><f/></b:e>`);
    expect(canonicalize(el)).toBe('<b:e xmlns:a="urn:b" xmlns:b="urn:a" c="3" b:y="2" a:x="1"><f xmlns="urn:z"></f></b:e>');
  });

  it('declares xmlns="" only under a rendered default namespace', () => {
    const el = root(`<r xmlns="urn:d"><e xmlns=""/></r>`);
    expect(canonicalize(el)).toBe('<r xmlns="urn:d"><e xmlns=""></e></r>');
    expect(canonicalize(find(el, 'e'))).toBe('<e></e>');
  });

  it.each([
    ['text', '<r>a &amp; b &lt; c &gt; d "q"</r>', '<r>a &amp; b &lt; c &gt; d "q"</r>'],
    ['attribute', '<r v="&lt;&amp;&quot;&#9;&#10;&#13;&gt;"/>', '<r v="&lt;&amp;&quot;&#x9;&#xA;&#xD;>"></r>'],
    ['carriage return in text', '<r>a&#13;b</r>', '<r>a&#xD;b</r>'],
    ['CDATA', '<r><![CDATA[<x>&]]></r>', '<r>&lt;x&gt;&amp;</r>'],
    ['comments', '<r>a<!-- c -->b</r>', '<r>ab</r>'],
    ['processing instructions', '<r><?pi  data?></r>', '<r><?pi data?></r>'],
  ])('escapes and normalises %s', (_name, xml, expected) => {
    expect(canonicalize(root(xml))).toBe(expected);
  });
});
