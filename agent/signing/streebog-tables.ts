/**
 * Streebog's LPS (S-box π, byte transpose τ, linear map l) fused into lookup
 * tables, built once at load from the RFC 6986 constants (16 KB, a fraction
 * of a millisecond), so no opaque precomputed blob has to be trusted.
 *
 * A 512-bit vector is 16 little-endian 32-bit words (its 64 bytes in memory
 * order): 64-bit word k is the pair [2k] = low half, [2k + 1] = high half.
 */
import { A, C, PI } from './streebog-constants.ts';

type Eight = [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];

/** LOW[c][v], HIGH[c][v]: the halves of l(π(v) placed in byte c of a 64-bit word). */
export const { LOW, HIGH } = buildLpsTables();

/** C_1..C_12 in the word layout above. */
export const ROUND_CONSTANTS: readonly Int32Array[] = C.map((hex) => wordsOfBigEndianHex(hex));

function buildLpsTables(): { LOW: Eight; HIGH: Eight } {
  const rows = A.map((hex) => [parseInt(hex.slice(8), 16) | 0, parseInt(hex.slice(0, 8), 16) | 0] as const);
  const low = Array.from({ length: 8 }, () => new Int32Array(256)) as Eight;
  const high = Array.from({ length: 8 }, () => new Int32Array(256)) as Eight;
  for (let c = 0; c < 8; c++) {
    for (let v = 0; v < 256; v++) {
      // Bit j of byte c is bit 8c + j of the word; l maps bit 63 - i to row A[i].
      for (let j = 0; j < 8; j++) {
        if (((PI[v]! >> j) & 1) === 0) continue;
        const [lo, hi] = rows[63 - (8 * c + j)]!;
        low[c]![v] = low[c]![v]! ^ lo;
        high[c]![v] = high[c]![v]! ^ hi;
      }
    }
  }
  return { LOW: low, HIGH: high };
}

/** A 512-bit number written most significant first → 16 little-endian 32-bit words. */
function wordsOfBigEndianHex(hex: string): Int32Array {
  const words = new Int32Array(16);
  for (let i = 0; i < 16; i++) words[i] = parseInt(hex.slice(120 - 8 * i, 128 - 8 * i), 16) | 0;
  return words;
}
