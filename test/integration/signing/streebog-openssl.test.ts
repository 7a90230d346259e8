import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { streebog256, streebog512 } from '../../../agent/signing/streebog.ts';
import { OpensslGost, gostEngineAvailable } from '../../gost-token/openssl-gost.ts';

const dir = mkdtempSync(join(tmpdir(), 'egisz-streebog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Random lengths 0..5000 plus every whole number of blocks up to 1024 bytes and a few around the edges. */
function messages(): Uint8Array[] {
  const random = fc.sample(fc.uint8Array({ maxLength: 5000 }), { numRuns: 200, seed: 6986 });
  const edges = [...Array.from({ length: 17 }, (_, i) => 64 * i), 63, 65, 127, 129, 4095, 4096, 4097, 4992, 5000];
  return [...random, ...edges.map((n) => new Uint8Array(n).map((_, i) => (i * 31 + n) & 255))];
}

describe.skipIf(!gostEngineAvailable())('Streebog against OpenSSL with gost-engine', () => {
  const ossl = new OpensslGost(dir);
  const all = messages();
  const files = all.map((m, i) => {
    const file = join(dir, `m${i}.bin`);
    writeFileSync(file, m);
    return file;
  });

  it.each([256, 512] as const)('%i bits: the same digest as openssl dgst -md_gost12_256 / _512 on every message', async (bits) => {
    // One openssl run for all files: `-r` prints "<hex> *<file>" per line, in order.
    const { stdout } = await ossl.openssl(['dgst', '-r', `-md_gost12_${bits}`, ...files]);
    const theirs = stdout.trim().split('\n').map((line) => line.split(' ')[0]);
    const ours = all.map((m) => Buffer.from((bits === 256 ? streebog256 : streebog512)(m)).toString('hex'));
    expect(theirs).toHaveLength(all.length);
    expect(ours).toEqual(theirs);
  });
});
