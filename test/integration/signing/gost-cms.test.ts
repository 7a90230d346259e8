import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCadesBes } from '../../../agent/signing/cades-bes.ts';
import { parseCertificate } from '../../../agent/signing/certificate.ts';
import { cmsAlgorithmFor } from '../../../agent/signing/cms-algorithms.ts';
import { GOST_CURVES, gostSigner, streebog256, streebog512 } from '../../../agent/signing/gost-algorithms.ts';
import { verifyDetachedCms } from '../../../agent/signing/verify-cms.ts';
import { OpensslGost, gostEngineAvailable } from '../../gost-token/openssl-gost.ts';

const dir = mkdtempSync(join(tmpdir(), 'egisz-gost-'));
const ossl = new OpensslGost(dir);
const content = new TextEncoder().encode('<ClinicalDocument>ГОСТ Р 34.10-2012</ClinicalDocument>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Streebog (GOST R 34.11-2012)', () => {
  // Test vector M1 of GOST R 34.11-2012, appendix A.
  const m1 = new TextEncoder().encode('012345678901234567890123456789012345678901234567890123456789012');
  it('matches the standard test vector for 256 bits', () => {
    expect(Buffer.from(streebog256(m1)).toString('hex')).toBe('9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500');
  });
  it('matches the standard test vector for 512 bits', () => {
    expect(Buffer.from(streebog512(m1)).toString('hex')).toBe(
      '1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48',
    );
  });
});

describe.skipIf(!gostEngineAvailable()).each([
  [256, 'A', 'S-256-A'],
  [256, 'C', 'S-256-C'],
  [256, 'TCA', GOST_CURVES['1.2.643.7.1.2.1.1.1']!],
  [256, 'TCB', 'S-256-A'],
  [512, 'A', 'T-512-A'],
  [512, 'B', 'T-512-B'],
  [512, 'C', GOST_CURVES['1.2.643.7.1.2.1.2.3']!],
] as const)('GOST R 34.10-2012-%i, param set %s', (bits, paramset, curve) => {
  let key: Awaited<ReturnType<OpensslGost['makeKeyAndCertificate']>>;
  const name = `gost${bits}${paramset}`;
  beforeAll(async () => {
    key = await ossl.makeKeyAndCertificate(name, bits, paramset);
  });

  it('parses the certificate as a GOST key of the right size', () => {
    const cert = parseCertificate(key.certDer);
    expect(cert.keyAlgorithm).toBe(`gost2012-${bits}`);
    expect(cert.subject.snils).toBe('11223344595');
  });

  it('builds a CAdES-BES that OpenSSL verifies, signing the Streebog digest like CKM_GOSTR3410 does', async () => {
    const algorithm = cmsAlgorithmFor(`gost2012-${bits}`);
    // A software stand-in for the token: digest in, s‖r big-endian out.
    const signer = gostSigner(bits, curve);
    const cms = await signCadesBes({
      content, certificateDer: key.certDer, signingTime: new Date(), algorithm,
      sign: async (attrs) => algorithm.signatureValue(new Uint8Array(signer.sign(key.privateKey, algorithm.tokenInput(attrs)))),
    });
    expect(await ossl.verifies(content, cms, key.certFile, `${name}-ours`)).toBe(true);
    expect(verifyDetachedCms(content, cms)).toMatchObject({ ok: true });

    const tampered = new Uint8Array([...content, 0x0a]);
    expect(await ossl.verifies(tampered, cms, key.certFile, `${name}-tampered`)).toBe(false);
    expect(verifyDetachedCms(tampered, cms)).toMatchObject({ ok: false, code: 'SIGNATURE_VERIFICATION_ERROR' });
  });

  it('verifies a CAdES-BES made by OpenSSL and rejects it for other content', async () => {
    const cms = await ossl.sign(content, key.certFile, key.keyFile, bits, `${name}-ossl`);
    const r = verifyDetachedCms(content, cms);
    expect(r).toMatchObject({ ok: true });
    expect(verifyDetachedCms(new TextEncoder().encode('другой документ'), cms).ok).toBe(false);
  });

  it('rejects a signature with the two halves swapped (r‖s instead of s‖r)', async () => {
    const algorithm = cmsAlgorithmFor(`gost2012-${bits}`);
    const signer = gostSigner(bits, curve);
    const cms = await signCadesBes({
      content, certificateDer: key.certDer, signingTime: new Date(), algorithm,
      sign: async (attrs) => {
        const sig = new Uint8Array(signer.sign(key.privateKey, algorithm.tokenInput(attrs)));
        const half = sig.length / 2;
        return new Uint8Array([...sig.subarray(half), ...sig.subarray(0, half)]);
      },
    });
    expect(verifyDetachedCms(content, cms).ok).toBe(false);
    expect(await ossl.verifies(content, cms, key.certFile, `${name}-swapped`)).toBe(false);
  });
});

describe.skipIf(!gostEngineAvailable())('GOST parameter sets the verifier does not know', () => {
  it('answers UNKNOWN_ALGORITHM instead of calling the signature invalid', async () => {
    const key = await ossl.makeKeyAndCertificate('gost256', 256, 'A');
    const cms = await ossl.sign(content, key.certFile, key.keyFile, 256, 'gost256-unknown');
    // The same key, but the certificate claims a parameter set no one knows.
    const known = GOST_CURVES['1.2.643.2.2.35.1'];
    delete GOST_CURVES['1.2.643.2.2.35.1'];
    try {
      expect(verifyDetachedCms(content, cms)).toMatchObject({ ok: false, code: 'UNKNOWN_ALGORITHM' });
    } finally {
      GOST_CURVES['1.2.643.2.2.35.1'] = known!;
    }
    expect(verifyDetachedCms(content, cms).ok).toBe(true);
  });
});
