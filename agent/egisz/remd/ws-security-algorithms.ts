/**
 * Algorithm URIs for WS-Security signatures and the implementations Node
 * itself provides. IPS in production uses GOST R 34.10/34.11-2012 (both URI
 * spellings, egisz.md §1.2); its test stand signs with RSA. GOST needs a
 * provider from outside (a token or a GOST library) plugged in through
 * AlgorithmSuite; RSA and ECDSA work out of the box.
 */
import { createHash, createVerify } from 'node:crypto';
import type { KeyObject, X509Certificate } from 'node:crypto';

export const SIGNATURE_ALGORITHM = {
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  gost2012_256: 'http://www.w3.org/2001/04/xmldsig-more#gostr34102012-gostr34112012-256',
  gost2012_512: 'http://www.w3.org/2001/04/xmldsig-more#gostr34102012-gostr34112012-512',
  gost2012_256Urn: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
  gost2012_512Urn: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-512',
} as const;

export const DIGEST_ALGORITHM = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
  gost2012_256: 'http://www.w3.org/2001/04/xmldsig-more#gostr34112012-256',
  gost2012_512: 'http://www.w3.org/2001/04/xmldsig-more#gostr34112012-512',
  gost2012_256Urn: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256',
  gost2012_512Urn: 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-512',
} as const;

export type DigestFunction = (data: Uint8Array) => Uint8Array;
/** True when `signature` (XMLDSig SignatureValue bytes) signs `data` under the certificate's key. */
export type SignatureCheck = (data: Uint8Array, signature: Uint8Array, certificate: X509Certificate) => boolean;

export interface AlgorithmSuite {
  digests: Record<string, DigestFunction>;
  signatures: Record<string, SignatureCheck>;
}

const nodeDigest = (name: string): DigestFunction => (data) => new Uint8Array(createHash(name).update(data).digest());

/** XMLDSig ECDSA values are r‖s (RFC 4050), not DER. */
// X509Certificate.publicKey makes a new key object on every read.
const publicKeys = new WeakMap<X509Certificate, KeyObject>();
const publicKeyOf = (certificate: X509Certificate): KeyObject => {
  let key = publicKeys.get(certificate);
  if (!key) publicKeys.set(certificate, (key = certificate.publicKey));
  return key;
};

const nodeSignature = (hash: string, ecdsa = false): SignatureCheck => (data, signature, certificate) => {
  try {
    const key = publicKeyOf(certificate);
    const fits = ecdsa ? key.asymmetricKeyType === 'ec' : key.asymmetricKeyType === 'rsa';
    return fits && createVerify(hash).update(data).verify(ecdsa ? { key, dsaEncoding: 'ieee-p1363' } : key, signature);
  } catch {
    return false;
  }
};

export const nodeAlgorithms: AlgorithmSuite = {
  digests: {
    [DIGEST_ALGORITHM.sha1]: nodeDigest('sha1'),
    [DIGEST_ALGORITHM.sha256]: nodeDigest('sha256'),
    [DIGEST_ALGORITHM.sha512]: nodeDigest('sha512'),
  },
  signatures: {
    [SIGNATURE_ALGORITHM.rsaSha1]: nodeSignature('sha1'),
    [SIGNATURE_ALGORITHM.rsaSha256]: nodeSignature('sha256'),
    [SIGNATURE_ALGORITHM.ecdsaSha256]: nodeSignature('sha256', true),
  },
};

/** A suite extended with more algorithms (e.g. a GOST provider). */
export function withAlgorithms(base: AlgorithmSuite, extra: Partial<AlgorithmSuite>): AlgorithmSuite {
  return { digests: { ...base.digests, ...extra.digests }, signatures: { ...base.signatures, ...extra.signatures } };
}
