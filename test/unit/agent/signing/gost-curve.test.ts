import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NAMED_GOST_CURVES } from '../../../../agent/signing/gost-algorithms.ts';
import { gostPublicKey, signGostDigest, verifyGostSignature } from '../../../../agent/signing/gost-curve.ts';

const curve = (name: string) => {
  const c = NAMED_GOST_CURVES[name]!;
  return { p: BigInt(c.p), a: BigInt(c.a), b: BigInt(c.b), q: BigInt(c.q), x: BigInt(c.x), y: BigInt(c.y) };
};

describe.each(Object.keys(NAMED_GOST_CURVES))('curve %s', (name) => {
  const c = curve(name);
  const size = name.includes('512') ? 64 : 32;

  it('the base point lies on the curve', () => {
    expect((c.y * c.y - (c.x ** 3n + c.a * c.x + c.b)) % c.p).toBe(0n);
  });

  // Many random digests: the arithmetic this replaces failed on a rare branch of its modular inverse.
  it('every signature over random digests verifies, and a changed digest or signature does not', () => {
    const privateKey = randomBytes(size);
    const publicKey = gostPublicKey(c, privateKey);
    for (let i = 0; i < 25; i++) {
      const digest = randomBytes(size);
      const signature = signGostDigest(c, privateKey, digest);
      expect(signature).toHaveLength(2 * size);
      expect(verifyGostSignature(c, publicKey, signature, digest)).toBe(true);
      const other = Uint8Array.from(digest);
      other[0]! ^= 1;
      expect(verifyGostSignature(c, publicKey, signature, other)).toBe(false);
      const bent = Uint8Array.from(signature);
      bent[size - 1]! ^= 1;
      expect(verifyGostSignature(c, publicKey, bent, digest)).toBe(false);
    }
  });
});
