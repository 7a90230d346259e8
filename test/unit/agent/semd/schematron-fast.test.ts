import { DOMParser } from '@xmldom/xmldom';
import fontoxpath from 'fontoxpath';
import { describe, expect, it } from 'vitest';
import { compileTest } from '../../../../agent/semd/schematron-fast.ts';
import { registerRegexFunctions } from '../../../../agent/semd/schematron-regex.ts';

registerRegexFunctions();

const ns = new Map([
  ['xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
  ['identity', 'urn:hl7-ru:identity'],
]);
const doc = new DOMParser().parseFromString(
  `<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:identity="urn:hl7-ru:identity">
     <e code="5" empty="" xsi:type="CD"><code code="DGN"/><code code="X"/><identity:Props/>text</e>
     <bare/>
   </r>`,
  'text/xml',
);
const [e, bare] = [...doc.getElementsByTagName('e'), ...doc.getElementsByTagName('bare')];
const options = { namespaceResolver: (p?: string | null) => (p ? (ns.get(p) ?? null) : null) };

describe('compiled Schematron tests', () => {
  const cases = [
    "@code='5'", "@code!='5'", "@code=['4','5']", "@code!=''", "@empty!=''", '@missing', "@missing!=''", "@missing='x'",
    "@xsi:type='CD'", 'not(@nullFlavor)', 'not(@code)', 'count(code)=2', 'count(code)=[1,3]', 'count(code)>=1', 'count(code)<=1',
    'count(identity:Props)=1', "code/@code='DGN'", "code/@code=['Y','X']", "code[@code='Z']", 'code', 'identity:Props', ".!=''",
  ];

  it.each(cases)('%s answers as XPath does, on an element with and without the parts', (test) => {
    const fast = compileTest(test, ns);
    expect(fast).not.toBeNull();
    for (const el of [e, bare]) expect(fast!(el as never)).toBe(fontoxpath.evaluateXPathToBoolean(test, el, null, {}, options));
  });

  const regex = 'Q{urn:egisz-bridge:semd:regex}matches';
  const combined = [
    "not(code/@code='X' and @y)", "@code='a' or @x", "@code='5' and not(@empty!='')", 'not(code|identity:Props)', 'not(code|nothing)',
    'count(code|identity:Props)=3', "code[@code='DGN'][not(@x)]", "code[@code='DGN' or @code='X']/@code='X'", "(@code='4' or @code='5') and code",
    `${regex}(@code,'^[0-9]$')`, `${regex}(@missing,'^$')`, `${regex}(@code, '^6$') or ${regex}(@xsi:type,'^C.$')`, `${regex}(.,'text')`,
    "code!='x'", "code='x'", ".='text'", 'not(bare)',
  ];

  it.each(combined)('%s (a combination) answers as XPath does', (test) => {
    const fast = compileTest(test, ns);
    expect(fast).not.toBeNull();
    for (const el of [e, bare]) expect(fast!(el as never)).toBe(fontoxpath.evaluateXPathToBoolean(test, el, null, {}, options));
  });

  it('leaves every other shape to XPath', () => {
    for (const test of [
      "matches(@root, '^1$')", 'count(code)=count(x)', 'unknown:x', 'count(../x)=1', 'code[1]', 'code[last()]', "string-length(@code)>0",
      '@code > 4', "@code='a' or", 'code/text()', '*', "code[@code='X']//x", "@code='it''s'", `${regex}(code,'x')`,
    ]) {
      expect(compileTest(test, ns), test).toBeNull();
    }
  });
});
