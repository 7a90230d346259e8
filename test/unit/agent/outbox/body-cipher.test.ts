import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BodyCipher, ensureOutboxKey, isSealed } from '../../../../agent/outbox/body-cipher.ts';

const cipher = new BodyCipher(randomBytes(32));
const semd = new TextEncoder().encode('<ClinicalDocument><name>Петров Иван</name></ClinicalDocument>');

describe('outbox body cipher', () => {
  it('seals bytes and text so that neither shows, and opens them back exactly', () => {
    const sealed = cipher.seal('uid-1', 'semd', semd);
    expect(isSealed(sealed)).toBe(true);
    expect(Buffer.from(sealed).includes(Buffer.from('Петров'))).toBe(false);
    expect(cipher.open('uid-1', 'semd', sealed)).toEqual(semd);
    const text = cipher.sealText('uid-1', 'request', '{"lastName":"Петров"}');
    expect(text).not.toContain('Петров');
    expect(cipher.openText('uid-1', 'request', text)).toBe('{"lastName":"Петров"}');
  });

  it('binds a body to its document and field: a swapped or altered body does not open', () => {
    const sealed = cipher.seal('uid-1', 'semd', semd);
    expect(() => cipher.open('uid-2', 'semd', sealed)).toThrow();
    expect(() => cipher.open('uid-1', 'signature', sealed)).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1]! ^= 1;
    expect(() => cipher.open('uid-1', 'semd', altered)).toThrow();
    expect(() => new BodyCipher(randomBytes(32)).open('uid-1', 'semd', sealed)).toThrow();
  });

  it('passes through bodies stored before encryption was switched on', () => {
    expect(cipher.open('uid-1', 'semd', semd)).toEqual(semd);
    expect(cipher.openText('uid-1', 'request', '{"a":1}')).toBe('{"a":1}');
  });

  it('keeps one 32-byte key per data dir, owner-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'egisz-key-'));
    const file = ensureOutboxKey(dir);
    const key = readFileSync(file);
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(ensureOutboxKey(dir))).toEqual(key);
  });
});
