/**
 * Which kind of key a certificate holds, from its SubjectPublicKeyInfo.
 * Decides the digest, the CMS algorithm identifiers and the token mechanism.
 */
import type { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';

export type KeyAlgorithm = 'ecdsa-p256' | 'rsa' | 'gost2012-256' | 'gost2012-512' | 'gost2001' | 'unsupported';

export const KEY_OIDS = {
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  rsaEncryption: '1.2.840.113549.1.1.1',
  gost2012_256: '1.2.643.7.1.1.1.1',
  gost2012_512: '1.2.643.7.1.1.1.2',
  gost2001: '1.2.643.2.2.19',
} as const;

export function keyAlgorithmOf(spki: SubjectPublicKeyInfo): KeyAlgorithm {
  const { algorithm, parameters } = spki.algorithm;
  switch (algorithm) {
    case KEY_OIDS.rsaEncryption:
      return 'rsa';
    case KEY_OIDS.ecPublicKey:
      return parameters && firstOid(parameters) === KEY_OIDS.prime256v1 ? 'ecdsa-p256' : 'unsupported';
    case KEY_OIDS.gost2012_256:
      return 'gost2012-256';
    case KEY_OIDS.gost2012_512:
      return 'gost2012-512';
    case KEY_OIDS.gost2001:
      return 'gost2001';
    default:
      return 'unsupported';
  }
}

/** The OID in the parameters: a bare OID (EC) or the first one of a SEQUENCE (GOST). */
function firstOid(parameters: ArrayBuffer): string | undefined {
  const block = asn1js.fromBER(parameters).result;
  if (block instanceof asn1js.ObjectIdentifier) return block.valueBlock.toString();
  if (block instanceof asn1js.Sequence) {
    const first = block.valueBlock.value[0];
    if (first instanceof asn1js.ObjectIdentifier) return first.valueBlock.toString();
  }
  return undefined;
}
