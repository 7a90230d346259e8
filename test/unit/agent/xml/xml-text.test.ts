import fc from 'fast-check';
import { DOMParser } from '@xmldom/xmldom';
import { create } from 'xmlbuilder2';
import { describe, expect, it, vi } from 'vitest';
import { cleanText, xmlAttribute, xmlText } from '../../../../agent/xml/xml-text.ts';

// A property over a hundred random strings, each built and parsed: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

describe('xmlText', () => {
  it('drops characters XML 1.0 forbids and keeps the rest', () => {
    expect(cleanText('a\u0000b\u0007c\u001Fd\uFFFEe\uFFFF')).toBe('abcde');
    expect(cleanText('x\uD800y\uDC00z')).toBe('xyz');
    expect(cleanText('😀 𝄞 \t ok')).toBe('😀 𝄞 \t ok');
    expect(cleanText('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
    expect(xmlText('a & b &amp; &nbsp;')).toBe('a &amp; b &amp;amp; &amp;nbsp;');
    expect(xmlAttribute('a\tb\nc')).toBe('a b c');
  });

  it('makes any string safe to put in an element that parses back to the same text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('&nbsp;', '&lt;b&gt;', '&#65;', '&amp;', 'a&b;c')), (raw) => {
        const clean = cleanText(raw);
        const xml = create().ele('t', { a: xmlAttribute(raw) }).txt(xmlText(raw)).end();
        let failed = false;
        const doc = new DOMParser({ onError: (level) => { if (level !== 'warning') failed = true; } }).parseFromString(xml, 'text/xml');
        expect(failed).toBe(false);
        expect(doc.documentElement?.textContent ?? '').toBe(clean);
        expect(doc.documentElement?.getAttribute('a')).toBe(clean.replace(/[\t\n]/g, ' '));
      }),
    );
  });
});
