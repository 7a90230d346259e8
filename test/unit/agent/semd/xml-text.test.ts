import fc from 'fast-check';
import { DOMParser } from '@xmldom/xmldom';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { xmlAttribute, xmlText } from '../../../../agent/semd/xml-text.ts';

describe('xmlText', () => {
  it('drops characters XML 1.0 forbids and keeps the rest', () => {
    expect(xmlText('a\u0000b\u0007c\u001Fd\uFFFEe\uFFFF')).toBe('abcde');
    expect(xmlText('x\uD800y\uDC00z')).toBe('xyz');
    expect(xmlText('😀 𝄞 \t ok')).toBe('😀 𝄞 \t ok');
    expect(xmlText('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
    expect(xmlAttribute('a\tb\nc')).toBe('a b c');
  });

  it('makes any string safe to put in an element that parses back to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const clean = xmlText(raw);
        const xml = create().ele('t').txt(clean).end();
        let failed = false;
        const doc = new DOMParser({ onError: (level) => { if (level !== 'warning') failed = true; } }).parseFromString(xml, 'text/xml');
        expect(failed).toBe(false);
        expect(doc.documentElement?.textContent ?? '').toBe(clean);
      }),
    );
  });
});
