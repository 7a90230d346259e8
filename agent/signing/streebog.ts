/**
 * Streebog, GOST R 34.11-2012 (RFC 6986), 256 and 512 bits, written from the
 * standard. Bytes are in the usual memory order (as OpenSSL, CryptoPro and
 * the CMS use): the message's first byte is the least significant one of
 * the RFC's number, and the digest is the RFC's printed value reversed.
 * 64-bit words are pairs of int32 (see streebog-tables.ts): no BigInt.
 */
import { lpsXor } from './streebog-lps.ts';
import { ROUND_CONSTANTS } from './streebog-tables.ts';

export type StreebogBits = 256 | 512;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const ZERO = new Int32Array(16);

// Scratch state of g_N: the hash is synchronous, so one set serves every call.
const key = new Int32Array(16);
const state = new Int32Array(16);

/** h = g_N(h, m) = E(LPS(h ^ N), m) ^ h ^ m, m being 16 words of `m` from `mo`. */
function compress(h: Int32Array, n: Int32Array, m: Int32Array, mo: number): void {
  lpsXor(h, 0, n, key); // K_1
  lpsXor(m, mo, key, state);
  for (let i = 0; i < 11; i++) {
    lpsXor(key, 0, ROUND_CONSTANTS[i]!, key); // K_(i+2)
    lpsXor(state, 0, key, state);
  }
  lpsXor(key, 0, ROUND_CONSTANTS[11]!, key); // K_13
  for (let i = 0; i < 16; i++) h[i] = h[i]! ^ state[i]! ^ key[i]! ^ m[mo + i]!;
}

/** sum = (sum + m) mod 2^512, m being 16 words of `m` from `mo` (Σ of the standard). */
function add512(sum: Int32Array, m: Int32Array, mo: number): void {
  let carry = 0;
  for (let i = 0; i < 16; i++) {
    const t = (sum[i]! >>> 0) + (m[mo + i]! >>> 0) + carry;
    sum[i] = t | 0;
    carry = t > 0xffffffff ? 1 : 0;
  }
}

/** n = (n + bits) mod 2^512, bits ≤ 512 (the length counter N). */
function addBits(n: Int32Array, bits: number): void {
  let carry = bits;
  for (let i = 0; i < 16 && carry !== 0; i++) {
    const t = (n[i]! >>> 0) + carry;
    n[i] = t | 0;
    carry = t > 0xffffffff ? 1 : 0;
  }
}

/** The whole blocks of data as words, without a copy, when the bytes are 4-aligned on a little-endian host. */
function wordView(data: Uint8Array, blocks: number): Int32Array | undefined {
  if (!LITTLE_ENDIAN || data.byteOffset % 4 !== 0 || blocks === 0) return undefined;
  return new Int32Array(data.buffer, data.byteOffset, blocks * 16);
}

/** Otherwise one block at a time through a 64-byte scratch. */
const scratchBlock = new Int32Array(16);
function copyBlock(data: Uint8Array, offset: number): Int32Array {
  const dv = new DataView(data.buffer, data.byteOffset + offset, 64);
  for (let i = 0; i < 16; i++) scratchBlock[i] = dv.getInt32(4 * i, true);
  return scratchBlock;
}

/** Incremental Streebog: update() any number of times, then digest() once. */
export class Streebog {
  readonly bits: StreebogBits;
  private readonly h = new Int32Array(16);
  private readonly n = new Int32Array(16);
  private readonly sigma = new Int32Array(16);
  private readonly pending = new Uint8Array(64);
  private readonly pendingWords = new Int32Array(this.pending.buffer);
  private pendingLength = 0;
  private done = false;

  constructor(bits: StreebogBits) {
    this.bits = bits;
    if (bits === 256) this.h.fill(0x01010101); // IV: 64 bytes of 0x01
  }

  update(data: Uint8Array): this {
    if (this.done) throw new Error('Streebog: update after digest');
    let offset = 0;
    if (this.pendingLength > 0) {
      offset = Math.min(64 - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, offset), this.pendingLength);
      this.pendingLength += offset;
      if (this.pendingLength < 64) return this;
      this.block(this.pendingWordsLE(), 0);
      this.pendingLength = 0;
    }
    const rest = data.subarray(offset);
    const blocks = rest.length >> 6;
    const view = wordView(rest, blocks);
    for (let b = 0; b < blocks; b++) {
      if (view) this.block(view, b * 16);
      else this.block(copyBlock(rest, b * 64), 0);
    }
    this.pending.set(rest.subarray(blocks * 64));
    this.pendingLength = rest.length - blocks * 64;
    return this;
  }

  digest(): Uint8Array {
    if (this.done) throw new Error('Streebog: digest twice');
    this.done = true;
    // Padding: the tail, one 0x01 byte, zeros (0^(511-|M|) || 1 || M in the RFC's order).
    this.pending[this.pendingLength] = 1;
    this.pending.fill(0, this.pendingLength + 1);
    const last = this.pendingWordsLE();
    compress(this.h, this.n, last, 0);
    addBits(this.n, this.pendingLength * 8);
    add512(this.sigma, last, 0);
    compress(this.h, ZERO, this.n, 0);
    compress(this.h, ZERO, this.sigma, 0);
    const out = new Uint8Array(64);
    const dv = new DataView(out.buffer);
    for (let i = 0; i < 16; i++) dv.setInt32(4 * i, this.h[i]!, true);
    return this.bits === 512 ? out : out.slice(32); // MSB_256: the high half
  }

  private block(m: Int32Array, mo: number): void {
    compress(this.h, this.n, m, mo);
    addBits(this.n, 512);
    add512(this.sigma, m, mo);
  }

  /** The pending bytes as words (a byte swap only on big-endian hosts). */
  private pendingWordsLE(): Int32Array {
    return LITTLE_ENDIAN ? this.pendingWords : copyBlock(this.pending, 0);
  }
}

export const streebog256 = (data: Uint8Array): Uint8Array => new Streebog(256).update(data).digest();
export const streebog512 = (data: Uint8Array): Uint8Array => new Streebog(512).update(data).digest();
