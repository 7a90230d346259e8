/**
 * Per key type: the digest, the CMS algorithm identifiers and how the token
 * signs. ECDSA P-256 and RSA (SHA-256) work with SoftHSM2; GOST 2012 plugs in
 * here with Streebog and CKM_GOSTR3410 (signing.md §1.2–1.3).
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { TokenError } from './token-error.ts';
import { CKM_ECDSA, CKM_RSA_PKCS } from './pkcs11-constants.ts';
import { KEY_OIDS, type KeyAlgorithm } from './key-algorithm.ts';
import { DIGEST_OIDS, SIGNATURE_OIDS } from './algorithm-oids.ts';
import { gostAlgorithm } from './gost-algorithms.ts';
import type { MechanismSpec } from './token-host-messages.ts';

export { DIGEST_OIDS, SIGNATURE_OIDS } from './algorithm-oids.ts';

export interface CmsAlgorithm {
  key: KeyAlgorithm;
  /** OID in digestAlgorithms, SignerInfo.digestAlgorithm and ESSCertIDv2.hashAlgorithm. */
  digestOid: string;
  /** OID in SignerInfo.signatureAlgorithm. */
  signatureOid: string;
  /** signatureAlgorithm OIDs accepted when verifying (signers differ: key OID or sign-with-digest OID). */
  acceptedSignatureOids: readonly string[];
  digest(data: Uint8Array): Uint8Array;
  /** Mechanism the token signs with. */
  mechanism: MechanismSpec;
  /** What goes into C_Sign for the DER of the signed attributes. */
  tokenInput(signedAttributes: Uint8Array): Uint8Array;
  /** A second way to sign for tokens without `mechanism` (GOST: hash-and-sign on the token). */
  fallback?: { mechanism: MechanismSpec; tokenInput(signedAttributes: Uint8Array): Uint8Array };
  /** C_Sign output → SignerInfo.signature. */
  signatureValue(raw: Uint8Array): Uint8Array;
  /** Checks a SignerInfo.signature over the signed attributes DER with the certificate's SPKI. */
  verify(signedAttributes: Uint8Array, signature: Uint8Array, spki: Uint8Array): boolean;
}

const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());

/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): CKM_RSA_PKCS signs DigestInfo, not the bare hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

const ecdsaP256: CmsAlgorithm = {
  key: 'ecdsa-p256',
  digestOid: DIGEST_OIDS.sha256,
  signatureOid: SIGNATURE_OIDS.ecdsaWithSha256,
  acceptedSignatureOids: [SIGNATURE_OIDS.ecdsaWithSha256, KEY_OIDS.ecPublicKey],
  digest: sha256,
  mechanism: { mechanism: CKM_ECDSA },
  tokenInput: sha256,
  signatureValue: (raw) => ecdsaRawToDer(raw),
  verify: (data, signature, spki) => verify('sha256', data, { key: spkiKey(spki), dsaEncoding: 'der' }, signature),
};

const rsaSha256: CmsAlgorithm = {
  key: 'rsa',
  digestOid: DIGEST_OIDS.sha256,
  signatureOid: SIGNATURE_OIDS.rsaEncryption,
  acceptedSignatureOids: [SIGNATURE_OIDS.rsaEncryption, SIGNATURE_OIDS.sha256WithRsa],
  digest: sha256,
  mechanism: { mechanism: CKM_RSA_PKCS },
  tokenInput: (attrs) => new Uint8Array(Buffer.concat([SHA256_DIGEST_INFO, sha256(attrs)])),
  signatureValue: (raw) => raw,
  verify: (data, signature, spki) => verify('sha256', data, spkiKey(spki), signature),
};

// The same few signers sign every document: each public key is imported once.
const publicKeys = new Map<string, KeyObject>();

function spkiKey(spki: Uint8Array): KeyObject {
  const id = Buffer.from(spki).toString('base64');
  let key = publicKeys.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (publicKeys.size >= 64) publicKeys.delete(publicKeys.keys().next().value!);
    publicKeys.set(id, key);
  }
  return key;
}

const registry = new Map<KeyAlgorithm, CmsAlgorithm>([
  ['ecdsa-p256', ecdsaP256],
  ['rsa', rsaSha256],
  ['gost2012-256', gostAlgorithm(256)],
  ['gost2012-512', gostAlgorithm(512)],
]);

export function cmsAlgorithmFor(key: KeyAlgorithm): CmsAlgorithm {
  const algorithm = registry.get(key);
  if (algorithm) return algorithm;
  if (key === 'gost2001') {
    throw new TokenError(
      'TOKEN_MECHANISM_UNSUPPORTED',
      'Сертификат выпущен по ГОСТ Р 34.10-2001: с 2019 года такой подписью подписывать нельзя. Получите сертификат ГОСТ Р 34.10-2012.',
    );
  }
  throw new TokenError(
    'TOKEN_MECHANISM_UNSUPPORTED',
    'Алгоритм ключа этого сертификата не поддерживается. Выберите сертификат ГОСТ Р 34.10-2012.',
  );
}

/** PKCS#11 ECDSA returns r‖s (each half the length); CMS wants ECDSA-Sig-Value DER. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length % 2 !== 0 || raw.length === 0) throw new Error(`ECDSA signature of odd length ${raw.length}`);
  const half = raw.length / 2;
  const body = Buffer.concat([derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]));
}

function derInteger(unsigned: Uint8Array): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  let bytes = Buffer.from(unsigned.subarray(start));
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02]), derLength(bytes.length), bytes]);
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}
