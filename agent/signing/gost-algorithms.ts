/**
 * GOST R 34.10-2012 (256 and 512) for CAdES-BES: Streebog in the agent
 * (our own streebog.ts, checked against RFC 6986 and gost-engine), the
 * token signs the digest with CKM_GOSTR3410 / CKM_GOSTR3410_512 and returns
 * s‖r big-endian, which goes into the CMS unchanged (signing.md §1.2).
 * Verification is pure JS (node-gost-crypto's curve arithmetic) so the
 * sandbox needs no GOST-enabled OpenSSL.
 */
import gost from 'node-gost-crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import type { CmsAlgorithm } from './cms-algorithms.ts';
import { DIGEST_OIDS, SIGNATURE_OIDS } from './algorithm-oids.ts';
import {
  CKM_GOSTR3410,
  CKM_GOSTR3410_512,
  CKM_GOSTR3410_WITH_GOSTR3411_12_256,
  CKM_GOSTR3410_WITH_GOSTR3411_12_512,
} from './pkcs11-constants.ts';
import { KEY_OIDS } from './key-algorithm.ts';
import { streebog256, streebog512 } from './streebog.ts';

export { streebog256, streebog512 };

/** Weierstrass curve parameters, 0x-hex. */
export interface GostCurveParameters { p: string; a: string; b: string; q: string; x: string; y: string }

/**
 * id-tc26-gost-3410-2012-256-paramSetA (RFC 7836, appendix A.2): a twisted
 * Edwards curve; GOST R 34.10 computes on its Weierstrass form, given here.
 * The tests check these numbers against gost-engine (paramset TCA).
 */
const TC26_256_A: GostCurveParameters = {
  p: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97',
  a: '0xC2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335',
  b: '0x295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513',
  q: '0x400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67',
  x: '0x91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28',
  y: '0x32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C',
};

/** id-tc26-gost-3410-12-512-paramSetC (RFC 7836, appendix A.3), Weierstrass form; checked against gost-engine (paramset C). */
const TC26_512_C: GostCurveParameters = {
  p: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7',
  a: '0xDC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E143064546E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3',
  b: '0xB4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE038CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1',
  q: '0x3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED',
  x: '0xE2E31EDFC23DE7BDEBE241CE593EF5DE2295B7A9CBAEF021D385F7074CEA043AA27272A7AE602BF2A7B9033DB9ED3610C6FB85487EAE97AAC5BC7928C1950148',
  y: '0xF5CE40D95B5EB899ABBCCFF5911CB8577939804D6527378B8C108C3D2090FF9BE18E2D33E3021ED2EF32D85822423B6304F726AA854BAE07D0396E9A9ADDC40F',
};

/** Curve parameter set OID → node-gost-crypto curve name or explicit parameters. */
export const GOST_CURVES: Record<string, string | GostCurveParameters> = {
  '1.2.643.7.1.2.1.1.1': TC26_256_A,
  '1.2.643.2.2.35.1': 'S-256-A', // CryptoPro-A
  '1.2.643.2.2.35.2': 'S-256-B', // CryptoPro-B
  '1.2.643.2.2.35.3': 'S-256-C', // CryptoPro-C
  '1.2.643.2.2.36.0': 'S-256-A', // CryptoPro-XchA
  '1.2.643.2.2.36.1': 'S-256-C', // CryptoPro-XchB
  '1.2.643.7.1.2.1.1.2': 'S-256-A', // tc26 256-B = CryptoPro-A
  '1.2.643.7.1.2.1.1.3': 'S-256-B', // tc26 256-C = CryptoPro-B
  '1.2.643.7.1.2.1.1.4': 'S-256-C', // tc26 256-D = CryptoPro-C
  '1.2.643.7.1.2.1.2.1': 'T-512-A',
  '1.2.643.7.1.2.1.2.2': 'T-512-B',
  '1.2.643.7.1.2.1.2.3': TC26_512_C,
};

/** DER OID of a Streebog variant: the parameter of the with-hash mechanisms. */
const oidDer = (oid: string): Uint8Array => new Uint8Array(new asn1js.ObjectIdentifier({ value: oid }).toBER());

export function gostAlgorithm(bits: 256 | 512): CmsAlgorithm {
  const digest = bits === 256 ? streebog256 : streebog512;
  const digestOid = bits === 256 ? DIGEST_OIDS.streebog256 : DIGEST_OIDS.streebog512;
  return {
    key: bits === 256 ? 'gost2012-256' : 'gost2012-512',
    digestOid,
    // OpenSSL writes the public key OID here; it also accepts signwithdigest (signing.md §2.2).
    signatureOid: bits === 256 ? KEY_OIDS.gost2012_256 : KEY_OIDS.gost2012_512,
    acceptedSignatureOids: bits === 256
      ? [KEY_OIDS.gost2012_256, SIGNATURE_OIDS.gost2012_256WithDigest]
      : [KEY_OIDS.gost2012_512, SIGNATURE_OIDS.gost2012_512WithDigest],
    digest,
    mechanism: { mechanism: bits === 256 ? CKM_GOSTR3410 : CKM_GOSTR3410_512 },
    tokenInput: digest,
    fallback: {
      mechanism: {
        mechanism: bits === 256 ? CKM_GOSTR3410_WITH_GOSTR3411_12_256 : CKM_GOSTR3410_WITH_GOSTR3411_12_512,
        parameter: oidDer(digestOid),
      },
      tokenInput: (attrs) => attrs,
    },
    signatureValue: (raw) => raw,
    verify: (data, signature, spki) => verifyGost(bits, digest(data), signature, spki),
  };
}

/** GOST signature check over a digest with the key of an SPKI (64 or 128 bytes X‖Y little-endian). */
export function verifyGost(bits: 256 | 512, digest: Uint8Array, signature: Uint8Array, spkiDer: Uint8Array): boolean {
  const spki = AsnConvert.parse(spkiDer, SubjectPublicKeyInfo);
  const curve = curveOf(spki);
  if (!curve) throw new UnsupportedKeyError();
  if (signature.length !== bits / 4) return false;
  const publicKey = new Uint8Array(AsnConvert.parse(spki.subjectPublicKey, OctetString).buffer);
  if (publicKey.length !== bits / 4) return false;
  return gostSigner(bits, curve).verify(publicKey, signature, digest);
}

/** A node-gost-crypto signer for a curve (name or parameters), with the s‖r big-endian layout of CMS. */
export function gostSigner(bits: 256 | 512, curve: string | GostCurveParameters) {
  const base = { name: 'GOST R 34.10', version: 2012, length: bits, procreator: 'CP' } as const;
  return gost.gostEngine.getGostSign(typeof curve === 'string' ? { ...base, namedCurve: curve } : { ...base, curve });
}

/** The key's parameters are valid but our verifier does not know them: "cannot check", not "invalid". */
export class UnsupportedKeyError extends Error {
  constructor() {
    super('GOST parameter set not supported by the verifier');
    this.name = 'UnsupportedKeyError';
  }
}

/** The library's curve for the param set in SPKI parameters (SEQUENCE { paramSet, [digest] }). */
export function curveOf(spki: SubjectPublicKeyInfo): string | GostCurveParameters | undefined {
  const params = spki.algorithm.parameters;
  if (!params) return undefined;
  const seq = asn1js.fromBER(params).result;
  const first = seq instanceof asn1js.Sequence ? seq.valueBlock.value[0] : undefined;
  return first instanceof asn1js.ObjectIdentifier ? GOST_CURVES[first.valueBlock.toString()] : undefined;
}
