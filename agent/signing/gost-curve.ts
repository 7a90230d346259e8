/**
 * GOST R 34.10-2012 signature arithmetic on native BigInt, in Jacobian
 * coordinates (one modular inversion per scalar multiplication). It replaces
 * node-gost-crypto's arithmetic, whose modular inverse calls an undefined
 * function on a rare branch and so failed some signatures at random.
 * Conventions are those of PKCS#11 tokens and CMS (signing.md §1.2): the
 * digest and the private key are read little-endian; a signature is s‖r,
 * each big-endian; a public key is X‖Y, each little-endian.
 */
import { randomBytes } from 'node:crypto';

/** Weierstrass curve y² = x³ + ax + b over GF(p), base point (x, y) of order q. */
export interface GostCurve { p: bigint; a: bigint; b: bigint; q: bigint; x: bigint; y: bigint }

type Jacobian = { X: bigint; Y: bigint; Z: bigint };
const INFINITY: Jacobian = { X: 1n, Y: 1n, Z: 0n };

const mod = (v: bigint, m: bigint) => ((v % m) + m) % m;

function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

/** Inverse modulo a prime (p and q of every GOST curve are prime). */
const invMod = (v: bigint, m: bigint) => powMod(v, m - 2n, m);

function double(c: GostCurve, P: Jacobian): Jacobian {
  if (P.Z === 0n || P.Y === 0n) return INFINITY;
  const { p } = c;
  const YY = (P.Y * P.Y) % p;
  const ZZ = (P.Z * P.Z) % p;
  const S = (4n * P.X * YY) % p;
  const M = mod(3n * P.X * P.X + c.a * ZZ * ZZ, p);
  const X = mod(M * M - 2n * S, p);
  return { X, Y: mod(M * (S - X) - 8n * YY * YY, p), Z: (2n * P.Y * P.Z) % p };
}

function add(c: GostCurve, P: Jacobian, Q: Jacobian): Jacobian {
  if (P.Z === 0n) return Q;
  if (Q.Z === 0n) return P;
  const { p } = c;
  const PZ2 = (P.Z * P.Z) % p;
  const QZ2 = (Q.Z * Q.Z) % p;
  const U1 = (P.X * QZ2) % p;
  const U2 = (Q.X * PZ2) % p;
  const S1 = (P.Y * QZ2 * Q.Z) % p;
  const S2 = (Q.Y * PZ2 * P.Z) % p;
  if (U1 === U2) return S1 === S2 ? double(c, P) : INFINITY;
  const H = mod(U2 - U1, p);
  const R = mod(S2 - S1, p);
  const HH = (H * H) % p;
  const HHH = (HH * H) % p;
  const X = mod(R * R - HHH - 2n * U1 * HH, p);
  return { X, Y: mod(R * (U1 * HH - X) - S1 * HHH, p), Z: (H * P.Z * Q.Z) % p };
}

function multiply(c: GostCurve, k: bigint, P: Jacobian): Jacobian {
  let result = INFINITY;
  for (let bit = BigInt(k.toString(2).length) - 1n; bit >= 0n; bit--) {
    result = double(c, result);
    if ((k >> bit) & 1n) result = add(c, result, P);
  }
  return result;
}

function affineX(c: GostCurve, P: Jacobian): bigint | undefined {
  if (P.Z === 0n) return undefined;
  const zInv = invMod(P.Z, c.p);
  return (P.X * zInv * zInv) % c.p;
}

const toBigInt = (bytes: Uint8Array) => (bytes.length ? BigInt(`0x${Buffer.from(bytes).toString('hex')}`) : 0n);
const fromLittleEndian = (bytes: Uint8Array) => toBigInt(Uint8Array.from(bytes).reverse());
const toBigEndian = (v: bigint, size: number) => Uint8Array.from(Buffer.from(v.toString(16).padStart(size * 2, '0'), 'hex'));

/** The digest as the number e of the standard: little-endian, mod q, 0 → 1. */
function digestNumber(c: GostCurve, digest: Uint8Array): bigint {
  const e = mod(fromLittleEndian(digest), c.q);
  return e === 0n ? 1n : e;
}

/** Checks s‖r (big-endian halves) over `digest` with the public key X‖Y (little-endian halves). */
export function verifyGostSignature(c: GostCurve, publicKey: Uint8Array, signature: Uint8Array, digest: Uint8Array): boolean {
  const half = signature.length / 2;
  const s = toBigInt(signature.subarray(0, half));
  const r = toBigInt(signature.subarray(half));
  if (r <= 0n || r >= c.q || s <= 0n || s >= c.q) return false;
  const size = publicKey.length / 2;
  const Q: Jacobian = { X: fromLittleEndian(publicKey.subarray(0, size)), Y: fromLittleEndian(publicKey.subarray(size)), Z: 1n };
  const v = invMod(digestNumber(c, digest), c.q);
  const z1 = (s * v) % c.q;
  const z2 = mod(-r * v, c.q);
  const C = add(c, multiply(c, z1, { X: c.x, Y: c.y, Z: 1n }), multiply(c, z2, Q));
  const x = affineX(c, C);
  return x !== undefined && x % c.q === r;
}

/** Signs a digest with a little-endian private key; s‖r big-endian, as CKM_GOSTR3410 answers (tests' software token). */
export function signGostDigest(c: GostCurve, privateKey: Uint8Array, digest: Uint8Array): Uint8Array {
  const d = fromLittleEndian(privateKey);
  const e = digestNumber(c, digest);
  const size = (c.q.toString(16).length + 1) >> 1;
  for (;;) {
    const k = mod(toBigInt(randomBytes(size + 8)), c.q);
    if (k === 0n) continue;
    const x = affineX(c, multiply(c, k, { X: c.x, Y: c.y, Z: 1n }));
    const r = x === undefined ? 0n : x % c.q;
    const s = (r * d + k * e) % c.q;
    if (r !== 0n && s !== 0n) return new Uint8Array([...toBigEndian(s, size), ...toBigEndian(r, size)]);
  }
}

/** The public key X‖Y little-endian for a little-endian private key. */
export function gostPublicKey(c: GostCurve, privateKey: Uint8Array): Uint8Array {
  const size = (c.p.toString(16).length + 1) >> 1;
  const P = multiply(c, fromLittleEndian(privateKey), { X: c.x, Y: c.y, Z: 1n });
  const zInv = invMod(P.Z, c.p);
  const x = (P.X * zInv * zInv) % c.p;
  const y = (P.Y * zInv * zInv * zInv) % c.p;
  return new Uint8Array([...toBigEndian(x, size).reverse(), ...toBigEndian(y, size).reverse()]);
}
