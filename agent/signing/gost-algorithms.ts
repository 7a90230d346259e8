/**
 * GOST R 34.10-2012 (256 and 512) for CAdES-BES: Streebog in the agent
 * (our own streebog.ts, checked against RFC 6986 and gost-engine), the
 * token signs the digest with CKM_GOSTR3410 / CKM_GOSTR3410_512 and returns
 * s‖r big-endian, which goes into the CMS unchanged (signing.md §1.2).
 * Verification is pure JS (BigInt curve arithmetic in gost-curve.ts) so the
 * sandbox needs no GOST-enabled OpenSSL.
 */
import { signGostDigest, verifyGostSignature, type GostCurve } from './gost-curve.ts';
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

/** CryptoPro-A (RFC 4357 §11.4; = tc26 256-B). */
const CRYPTOPRO_A: GostCurveParameters = {
  p: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97',
  a: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94',
  b: '0xA6',
  q: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893',
  x: '0x1',
  y: '0x8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14',
};

/** CryptoPro-B (RFC 4357 §11.4; = tc26 256-C). */
const CRYPTOPRO_B: GostCurveParameters = {
  p: '0x8000000000000000000000000000000000000000000000000000000000000C99',
  a: '0x8000000000000000000000000000000000000000000000000000000000000C96',
  b: '0x3E1AF419A269A5F866A7D3C25C3DF80AE979259373FF2B182F49D4CE7E1BBC8B',
  q: '0x800000000000000000000000000000015F700CFFF1A624E5E497161BCC8A198F',
  x: '0x1',
  y: '0x3FA8124359F96680B83D1C3EB2C070E5C545C9858D03ECFB744BF8D717717EFC',
};

/** CryptoPro-C (RFC 4357 §11.4; = tc26 256-D). */
const CRYPTOPRO_C: GostCurveParameters = {
  p: '0x9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D759B',
  a: '0x9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D7598',
  b: '0x805A',
  q: '0x9B9F605F5A858107AB1EC85E6B41C8AA582CA3511EDDFB74F02F3A6598980BB9',
  x: '0x0',
  y: '0x41ECE55743711A8C3CBF3783CD08C0EE4D4DC440D4641A8F366E550DFDB3BB67',
};

/** id-tc26-gost-3410-12-512-paramSetA (RFC 7836). */
const TC26_512_A: GostCurveParameters = {
  p: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7',
  a: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4',
  b: '0xE8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760',
  q: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275',
  x: '0x3',
  y: '0x7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4',
};

/** id-tc26-gost-3410-12-512-paramSetB (RFC 7836). */
const TC26_512_B: GostCurveParameters = {
  p: '0x8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006F',
  a: '0x8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006C',
  b: '0x687D1B459DC841457E3E06CF6F5E2517B97C7D614AF138BCBF85DC806C4B289F3E965D2DB1416D217F8B276FAD1AB69C50F78BEE1FA3106EFB8CCBC7C5140116',
  q: '0x800000000000000000000000000000000000000000000000000000000000000149A1EC142565A545ACFDB77BD9D40CFA8B996712101BEA0EC6346C54374F25BD',
  x: '0x2',
  y: '0x1A8F7EDA389B094C2C071E3647A8940F3C123B697578C213BE6DD9E6C8EC7335DCB228FD1EDF4A39152CBCAAF8C0398828041055F94CEEEC7E21340780FE41BD',
};

/** Curve parameter set OID → its parameters. */
export const GOST_CURVES: Record<string, GostCurveParameters> = {
  '1.2.643.7.1.2.1.1.1': TC26_256_A,
  '1.2.643.2.2.35.1': CRYPTOPRO_A,
  '1.2.643.2.2.35.2': CRYPTOPRO_B,
  '1.2.643.2.2.35.3': CRYPTOPRO_C,
  '1.2.643.2.2.36.0': CRYPTOPRO_A, // CryptoPro-XchA
  '1.2.643.2.2.36.1': CRYPTOPRO_C, // CryptoPro-XchB
  '1.2.643.7.1.2.1.1.2': CRYPTOPRO_A, // tc26 256-B
  '1.2.643.7.1.2.1.1.3': CRYPTOPRO_B, // tc26 256-C
  '1.2.643.7.1.2.1.1.4': CRYPTOPRO_C, // tc26 256-D
  '1.2.643.7.1.2.1.2.1': TC26_512_A,
  '1.2.643.7.1.2.1.2.2': TC26_512_B,
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

/** Curve names as tests and tools use them → parameters. */
export const NAMED_GOST_CURVES: Record<string, GostCurveParameters> = {
  'S-256-A': CRYPTOPRO_A, 'S-256-B': CRYPTOPRO_B, 'S-256-C': CRYPTOPRO_C, 'T-512-A': TC26_512_A, 'T-512-B': TC26_512_B,
  'TC26-256-A': TC26_256_A, 'T-512-C': TC26_512_C,
};

const curveNumbers = (c: GostCurveParameters): GostCurve =>
  ({ p: BigInt(c.p), a: BigInt(c.a), b: BigInt(c.b), q: BigInt(c.q), x: BigInt(c.x), y: BigInt(c.y) });

/**
 * Signer/verifier for a curve (name or parameters) with the token's conventions:
 * digest and private key little-endian, signature s‖r big-endian (gost-curve.ts).
 */
export function gostSigner(_bits: 256 | 512, curve: string | GostCurveParameters) {
  const params = typeof curve === 'string' ? NAMED_GOST_CURVES[curve] : curve;
  if (!params) throw new UnsupportedKeyError();
  const c = curveNumbers(params);
  return {
    sign: (privateKey: ArrayBuffer | Uint8Array, digest: Uint8Array): Uint8Array => signGostDigest(c, new Uint8Array(privateKey), digest),
    verify: (publicKey: Uint8Array, signature: Uint8Array, digest: Uint8Array): boolean => verifyGostSignature(c, publicKey, signature, digest),
  };
}

/** The key's parameters are valid but our verifier does not know them: "cannot check", not "invalid". */
export class UnsupportedKeyError extends Error {
  constructor() {
    super('GOST parameter set not supported by the verifier');
    this.name = 'UnsupportedKeyError';
  }
}

/** The library's curve for the param set in SPKI parameters (SEQUENCE { paramSet, [digest] }). */
export function curveOf(spki: SubjectPublicKeyInfo): GostCurveParameters | undefined {
  const params = spki.algorithm.parameters;
  if (!params) return undefined;
  const seq = asn1js.fromBER(params).result;
  const first = seq instanceof asn1js.Sequence ? seq.valueBlock.value[0] : undefined;
  return first instanceof asn1js.ObjectIdentifier ? GOST_CURVES[first.valueBlock.toString()] : undefined;
}
