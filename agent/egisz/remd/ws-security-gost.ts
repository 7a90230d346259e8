/**
 * GOST R 34.10-2012 / 34.11-2012 for WS-Security, as IPS in production
 * expects it (egisz.md §1.2, both URI spellings). Streebog and signature
 * checks come from agent/signing (pure JS, no GOST-enabled OpenSSL needed);
 * the signing itself is done by whoever holds the key — a token signs the
 * Streebog digest of the canonical SignedInfo and returns s‖r, the form the
 * XMLDSig SignatureValue carries [?: byte order as in CAdES].
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import type { X509Certificate } from 'node:crypto';
import { streebog256, streebog512, verifyGost } from '../../signing/gost-algorithms.ts';
import { DIGEST_ALGORITHM, SIGNATURE_ALGORITHM } from './ws-security-algorithms.ts';
import type { AlgorithmSuite, SignatureCheck } from './ws-security-algorithms.ts';
import type { WsSecuritySigner } from './ws-security.ts';

/** The subject public key info of a certificate Node may not be able to read the key of. */
function spkiOf(certificate: X509Certificate): Uint8Array {
  const cert = AsnConvert.parse(certificate.raw, Certificate);
  return new Uint8Array(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo));
}

const gostCheck = (bits: 256 | 512): SignatureCheck => (data, signature, certificate) => {
  try {
    return verifyGost(bits, (bits === 256 ? streebog256 : streebog512)(data), signature, spkiOf(certificate));
  } catch {
    return false;
  }
};

export const gostAlgorithms: AlgorithmSuite = {
  digests: {
    [DIGEST_ALGORITHM.gost2012_256]: streebog256,
    [DIGEST_ALGORITHM.gost2012_256Urn]: streebog256,
    [DIGEST_ALGORITHM.gost2012_512]: streebog512,
    [DIGEST_ALGORITHM.gost2012_512Urn]: streebog512,
  },
  signatures: {
    [SIGNATURE_ALGORITHM.gost2012_256]: gostCheck(256),
    [SIGNATURE_ALGORITHM.gost2012_256Urn]: gostCheck(256),
    [SIGNATURE_ALGORITHM.gost2012_512]: gostCheck(512),
    [SIGNATURE_ALGORITHM.gost2012_512Urn]: gostCheck(512),
  },
};

export interface GostSignerOptions {
  certificateDer: Uint8Array;
  bits: 256 | 512;
  /** Signs a Streebog digest (e.g. CKM_GOSTR3410 on a token); returns s‖r. */
  signDigest: (digest: Uint8Array) => Promise<Uint8Array> | Uint8Array;
  /** URI spelling: xmldsig-more (the IPS signer's) or the CryptoPro URN. */
  spelling?: 'xmldsig-more' | 'cryptopro';
}

/** Algorithm URIs by key size and spelling. */
const URIS = {
  256: {
    'xmldsig-more': [SIGNATURE_ALGORITHM.gost2012_256, DIGEST_ALGORITHM.gost2012_256],
    cryptopro: [SIGNATURE_ALGORITHM.gost2012_256Urn, DIGEST_ALGORITHM.gost2012_256Urn],
  },
  512: {
    'xmldsig-more': [SIGNATURE_ALGORITHM.gost2012_512, DIGEST_ALGORITHM.gost2012_512],
    cryptopro: [SIGNATURE_ALGORITHM.gost2012_512Urn, DIGEST_ALGORITHM.gost2012_512Urn],
  },
} as const;

export function gostSigner(opts: GostSignerOptions): WsSecuritySigner {
  const streebog = opts.bits === 256 ? streebog256 : streebog512;
  const [signatureAlgorithm, digestAlgorithm] = URIS[opts.bits][opts.spelling ?? 'xmldsig-more'];
  return {
    certificateDer: opts.certificateDer,
    signatureAlgorithm,
    digestAlgorithm,
    digest: streebog,
    sign: (data) => opts.signDigest(streebog(data)),
  };
}
