/**
 * LPS = l ∘ τ ∘ π over a 512-bit vector, the only hot code of Streebog
 * (25 calls per 64-byte block). Written out in full on purpose: V8 keeps the
 * 16 words in registers and the shifts constant; a loop or a helper per
 * output word measured twice as slow.
 */
import { HIGH, LOW } from './streebog-tables.ts';

const [L0, L1, L2, L3, L4, L5, L6, L7] = LOW;
const [H0, H1, H2, H3, H4, H5, H6, H7] = HIGH;

/** out = LPS(a[ao..ao+15] ^ b). The input is read in full first, so out may be a or b. */
export function lpsXor(a: Int32Array, ao: number, b: Int32Array, out: Int32Array): void {
  const x0 = a[ao]! ^ b[0]!, x1 = a[ao + 1]! ^ b[1]!, x2 = a[ao + 2]! ^ b[2]!, x3 = a[ao + 3]! ^ b[3]!;
  const x4 = a[ao + 4]! ^ b[4]!, x5 = a[ao + 5]! ^ b[5]!, x6 = a[ao + 6]! ^ b[6]!, x7 = a[ao + 7]! ^ b[7]!;
  const x8 = a[ao + 8]! ^ b[8]!, x9 = a[ao + 9]! ^ b[9]!, x10 = a[ao + 10]! ^ b[10]!, x11 = a[ao + 11]! ^ b[11]!;
  const x12 = a[ao + 12]! ^ b[12]!, x13 = a[ao + 13]! ^ b[13]!, x14 = a[ao + 14]! ^ b[14]!, x15 = a[ao + 15]! ^ b[15]!;
  // Output word r takes byte r of every input word (τ): bytes 0-3 from the low halves, 4-7 from the high ones.
  let i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0, i6 = 0, i7 = 0;
  i0 = x0 & 255; i1 = x2 & 255; i2 = x4 & 255; i3 = x6 & 255;
  i4 = x8 & 255; i5 = x10 & 255; i6 = x12 & 255; i7 = x14 & 255;
  out[0] = L0[i0]! ^ L1[i1]! ^ L2[i2]! ^ L3[i3]! ^ L4[i4]! ^ L5[i5]! ^ L6[i6]! ^ L7[i7]!;
  out[1] = H0[i0]! ^ H1[i1]! ^ H2[i2]! ^ H3[i3]! ^ H4[i4]! ^ H5[i5]! ^ H6[i6]! ^ H7[i7]!;
  i0 = (x0 >>> 8) & 255; i1 = (x2 >>> 8) & 255; i2 = (x4 >>> 8) & 255; i3 = (x6 >>> 8) & 255;
  i4 = (x8 >>> 8) & 255; i5 = (x10 >>> 8) & 255; i6 = (x12 >>> 8) & 255; i7 = (x14 >>> 8) & 255;
  out[2] = L0[i0]! ^ L1[i1]! ^ L2[i2]! ^ L3[i3]! ^ L4[i4]! ^ L5[i5]! ^ L6[i6]! ^ L7[i7]!;
  out[3] = H0[i0]! ^ H1[i1]! ^ H2[i2]! ^ H3[i3]! ^ H4[i4]! ^ H5[i5]! ^ H6[i6]! ^ H7[i7]!;
  i0 = (x0 >>> 16) & 255; i1 = (x2 >>> 16) & 255; i2 = (x4 >>> 16) & 255; i3 = (x6 >>> 16) & 255;
  i4 = (x8 >>> 16) & 255; i5 = (x10 >>> 16) & 255; i6 = (x12 >>> 16) & 255; i7 = (x14 >>> 16) & 255;
  out[4] = L0[i0]! ^ L1[i1]! ^ L2[i2]! ^ L3[i3]! ^ L4[i4]! ^ L5[i5]! ^ L6[i6]! ^ L7[i7]!;
  out[5] = H0[i0]! ^ H1[i1]! ^ H2[i2]! ^ H3[i3]! ^ H4[i4]! ^ H5[i5]! ^ H6[i6]! ^ H7[i7]!;
  i0 = x0 >>> 24; i1 = x2 >>> 24; i2 = x4 >>> 24; i3 = x6 >>> 24;
  i4 = x8 >>> 24; i5 = x10 >>> 24; i6 = x12 >>> 24; i7 = x14 >>> 24;
  out[6] = L0[i0]! ^ L1[i1]! ^ L2[i2]! ^ L3[i3]! ^ L4[i4]! ^ L5[i5]! ^ L6[i6]! ^ L7[i7]!;
  out[7] = H0[i0]! ^ H1[i1]! ^ H2[i2]! ^ H3[i3]! ^ H4[i4]! ^ H5[i5]! ^ H6[i6]! ^ H7[i7]!;
  i0 = x1 & 255; i1 = x3 & 255; i2 = x5 & 255; i3 = x7 & 255;
  i4 = x9 & 255; i5 = x11 & 255; i6 = x13 & 255; i7 = x15 & 255;
  out[8] = L0[i0]! ^ L1[i1]! ^ L2[i2]! ^ L3[i3]! ^ L4[i4]! ^ L5[i5]! ^ L6[i6]! ^ L7[i7]!;
  out[9] = H0[i0]! ^ H1[i1]! ^ H2[i2]! ^ H3[i3]! ^ H4[i4]! ^ H5[i5]! ^ H6[i6]! ^ H7[i7]!;
  i0 = (x1 >>> 8) & 255; i1 = (x3 >>> 8) & 255; i2 = (x5 >>> 8) & 255; i3 = (x7 >>> 8) & 255;
  i4 = (x9 >>> 8) & 255; i5 = (x11 >>> 8) & 255; i6 = (x13 >>> 8) & 255; i7 = (x15 >>> 8) & 255;
  out[10] = L0[i0]! ^ L1[i1]! ^ L2[i2]! ^ L3[i3]! ^ L4[i4]! ^ L5[i5]! ^ L6[i6]! ^ L7[i7]!;
  out[11] = H0[i0]! ^ H1[i1]! ^ H2[i2]! ^ H3[i3]! ^ H4[i4]! ^ H5[i5]! ^ H6[i6]! ^ H7[i7]!;
  i0 = (x1 >>> 16) & 255; i1 = (x3 >>> 16) & 255; i2 = (x5 >>> 16) & 255; i3 = (x7 >>> 16) & 255;
  i4 = (x9 >>> 16) & 255; i5 = (x11 >>> 16) & 255; i6 = (x13 >>> 16) & 255; i7 = (x15 >>> 16) & 255;
  out[12] = L0[i0]! ^ L1[i1]! ^ L2[i2]! ^ L3[i3]! ^ L4[i4]! ^ L5[i5]! ^ L6[i6]! ^ L7[i7]!;
  out[13] = H0[i0]! ^ H1[i1]! ^ H2[i2]! ^ H3[i3]! ^ H4[i4]! ^ H5[i5]! ^ H6[i6]! ^ H7[i7]!;
  i0 = x1 >>> 24; i1 = x3 >>> 24; i2 = x5 >>> 24; i3 = x7 >>> 24;
  i4 = x9 >>> 24; i5 = x11 >>> 24; i6 = x13 >>> 24; i7 = x15 >>> 24;
  out[14] = L0[i0]! ^ L1[i1]! ^ L2[i2]! ^ L3[i3]! ^ L4[i4]! ^ L5[i5]! ^ L6[i6]! ^ L7[i7]!;
  out[15] = H0[i0]! ^ H1[i1]! ^ H2[i2]! ^ H3[i3]! ^ H4[i4]! ^ H5[i5]! ^ H6[i6]! ^ H7[i7]!;
}
