/**
 * Certificate signatures made by OpenSSL with gost-engine (an independent GOST
 * implementation) verify with the chain builder's check, which uses our own
 * Streebog and curve code: the link check a GOST CA's certificates go through.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChainCertificate } from '../../../agent/signing/chain-certificate.ts';
import { signedBy } from '../../../agent/signing/certificate-chain.ts';
import { OpensslGost, gostEngineAvailable } from '../../gost-token/openssl-gost.ts';

const dir = mkdtempSync(join(tmpdir(), 'egisz-gost-chain-'));
const ossl = new OpensslGost(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!gostEngineAvailable()).each([
  [256, 'A'],
  [256, 'TCA'],
  [512, 'A'],
  [512, 'C'],
] as const)('GOST R 34.10-2012-%i (%s) certificate signature', (bits, paramset) => {
  it('a self-signed certificate verifies with its own key; a changed signature or another key does not', async () => {
    const one = readChainCertificate((await ossl.makeKeyAndCertificate(`c${bits}${paramset}`, bits, paramset)).certDer);
    const other = readChainCertificate((await ossl.makeKeyAndCertificate(`o${bits}${paramset}`, bits, paramset)).certDer);
    expect(one.keyAlgorithm).toBe(`gost2012-${bits}`);
    expect(signedBy(one, one)).toBe(true);
    expect(signedBy(one, other)).toBe(false);
    const broken = one.signature.slice();
    broken[5] = (broken[5] as number) ^ 1;
    expect(signedBy({ ...one, signature: broken }, one)).toBe(false);
  });
});
