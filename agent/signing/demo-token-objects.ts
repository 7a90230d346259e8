/**
 * Token-side steps of provisioning the demo SoftHSM2 token: generate a key
 * pair on the token and store the issued certificate next to it. Runs in
 * the token host child, like every other PKCS#11 call.
 */
import pkcs11js from 'pkcs11js';
import { createPublicKey } from 'node:crypto';
import type { Pkcs11Token } from './pkcs11-token.ts';
import { p256Spki } from './certificate-issuer.ts';

/** DER OID of prime256v1 (1.2.840.10045.3.1.7), the CKA_EC_PARAMS value. */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

/** Key types the demo token can hold: P-256 (the demo) and RSA-2048 (tests of the RSA path). */
export type DemoKeyType = 'ec-p256' | 'rsa-2048';

/** Generates a non-extractable key pair on the token with the given CKA_ID; returns its SubjectPublicKeyInfo DER. */
export function generateKey(token: Pkcs11Token, req: { tokenLabel: string; pin: string; keyId: string; label: string; keyType: DemoKeyType }): Uint8Array {
  const m = token.open();
  const id = Buffer.from(req.keyId, 'hex');
  const rsa = req.keyType === 'rsa-2048';
  return token.withLogin(token.tokenByLabel(req.tokenLabel), req.pin, true, (session) => {
    const common = [
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_ID, value: id },
      { type: pkcs11js.CKA_LABEL, value: req.label },
    ];
    const { publicKey } = m.C_GenerateKeyPair(
      session,
      { mechanism: rsa ? pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN : pkcs11js.CKM_EC_KEY_PAIR_GEN },
      [
        ...common,
        { type: pkcs11js.CKA_VERIFY, value: true },
        ...(rsa
          ? [{ type: pkcs11js.CKA_MODULUS_BITS, value: 2048 }, { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) }]
          : [{ type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS }]),
      ],
      [
        ...common,
        { type: pkcs11js.CKA_PRIVATE, value: true },
        { type: pkcs11js.CKA_SIGN, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: true },
        { type: pkcs11js.CKA_EXTRACTABLE, value: false },
      ],
    );
    if (rsa) {
      const [n, e] = m.C_GetAttributeValue(session, publicKey, [{ type: pkcs11js.CKA_MODULUS }, { type: pkcs11js.CKA_PUBLIC_EXPONENT }]);
      if (!Buffer.isBuffer(n?.value) || !Buffer.isBuffer(e?.value)) throw new Error('token returned no RSA public key');
      const jwk = { kty: 'RSA', n: n.value.toString('base64url'), e: e.value.toString('base64url') };
      return new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'der', type: 'spki' }));
    }
    const [point] = m.C_GetAttributeValue(session, publicKey, [{ type: pkcs11js.CKA_EC_POINT }]);
    if (!point || !Buffer.isBuffer(point.value)) throw new Error('token returned no CKA_EC_POINT');
    return p256Spki(unwrapEcPoint(point.value));
  });
}

/** CKA_EC_POINT is a DER OCTET STRING around the point; some modules return the bare point. */
export function unwrapEcPoint(value: Uint8Array): Uint8Array {
  if (value[0] === 0x04 && value.length === 65) return new Uint8Array(value);
  if (value[0] === 0x04 && value[1] === 65 && value.length === 67) return new Uint8Array(value.subarray(2));
  throw new Error(`unexpected CKA_EC_POINT of ${value.length} bytes`);
}

export function storeCertificate(
  token: Pkcs11Token,
  req: { tokenLabel: string; pin: string; keyId: string; label: string; der: Uint8Array; subject: Uint8Array },
): void {
  const m = token.open();
  token.withLogin(token.tokenByLabel(req.tokenLabel), req.pin, true, (session) => {
    m.C_CreateObject(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: false },
      { type: pkcs11js.CKA_ID, value: Buffer.from(req.keyId, 'hex') },
      { type: pkcs11js.CKA_LABEL, value: req.label },
      { type: pkcs11js.CKA_SUBJECT, value: Buffer.from(req.subject) },
      { type: pkcs11js.CKA_VALUE, value: Buffer.from(req.der) },
    ]);
  });
}
