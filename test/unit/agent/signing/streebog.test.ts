import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import gost from 'node-gost-crypto';
import { Streebog, streebog256, streebog512 } from '../../../../agent/signing/streebog.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** RFC 6986 prints messages and digests as numbers, most significant byte first: the reverse of memory order. */
const fromRfc = (printed: string) => new Uint8Array(Buffer.from(printed, 'hex').reverse());

// RFC 6986 §10.1 and §10.2: M1 (63 ASCII digits), M2 (72 bytes of CP1251 text).
const M1 = '323130393837363534333231303938373635343332313039383736353433323130393837363534333231303938373635343332313039383736353433323130';
const M2 = 'fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d1202ce8f0f2e5e220e5d1';
const vectors = [
  ['M1', 512, M1, '486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b'],
  ['M1', 256, M1, '00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d'],
  ['M2', 512, M2, '28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e'],
  ['M2', 256, M2, '508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d'],
] as const;

const hashOf = (bits: 256 | 512) => (bits === 256 ? streebog256 : streebog512);
const reference = (bits: 256 | 512) => {
  const engine = gost.gostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: bits });
  return (data: Uint8Array) => new Uint8Array(engine.digest(data));
};
/** Lengths 0..5000, with exact multiples of 64 (no tail block) drawn often. */
const message = fc.oneof(
  fc.uint8Array({ maxLength: 5000 }),
  fc.integer({ min: 0, max: 78 }).chain((blocks) => fc.uint8Array({ minLength: blocks * 64, maxLength: blocks * 64 })),
);

describe('Streebog (GOST R 34.11-2012)', () => {
  it.each(vectors)('%s, %i bits: the RFC 6986 example', (_, bits, m, printed) => {
    expect(hex(hashOf(bits)(fromRfc(m)))).toBe(hex(fromRfc(printed)));
  });

  it('reads the messages in the RFC order the usual way round: M1 is the ASCII digits, M2 the Slovo text', () => {
    expect(new TextDecoder().decode(fromRfc(M1))).toBe('012345678901234567890123456789012345678901234567890123456789012');
    expect(new TextDecoder('windows-1251').decode(fromRfc(M2))).toBe('Се ветри, Стрибожи внуци, веютъ с моря стрелами на храбрыя плъкы Игоревы');
  });

  it.each([256, 512] as const)('%i bits: agrees with node-gost-crypto on 0..5000 bytes', (bits) => {
    const ours = hashOf(bits);
    const theirs = reference(bits);
    fc.assert(fc.property(message, (m) => hex(ours(m)) === hex(theirs(m))), { numRuns: 150 });
  });

  it.each([256, 512] as const)('%i bits: any split into update() calls, aligned or not, gives the one-shot digest', (bits) => {
    const chunked = fc.tuple(message, fc.array(fc.nat(300), { maxLength: 12 }), fc.nat(3));
    fc.assert(fc.property(chunked, ([m, cuts, shift]) => {
      // Copy at an odd offset so the word view cannot be used.
      const shifted = new Uint8Array(m.length + shift);
      shifted.set(m, shift);
      const data = shifted.subarray(shift);
      const h = new Streebog(bits);
      let at = 0;
      for (const cut of cuts) h.update(data.subarray(at, (at = Math.min(data.length, at + cut))));
      h.update(data.subarray(at));
      return hex(h.digest()) === hex(hashOf(bits)(m));
    }), { numRuns: 150 });
  });

  it('gives 32 and 64 bytes and refuses use after digest()', () => {
    expect(streebog256(new Uint8Array(0))).toHaveLength(32);
    expect(streebog512(new Uint8Array(0))).toHaveLength(64);
    const h = new Streebog(256);
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(/after digest/);
    expect(() => h.digest()).toThrow(/twice/);
  });
});
