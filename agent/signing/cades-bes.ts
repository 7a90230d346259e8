/**
 * Detached CAdES-BES SignedData (signing.md §2.3): contentType, signingTime,
 * messageDigest and signingCertificateV2 as DER-sorted signed attributes,
 * sid = issuerAndSerialNumber, the signer certificate embedded as is, no
 * eContent. The signature covers the SET-tagged DER of the signed attributes.
 */
import { DIGEST_OIDS } from './algorithm-oids.ts';
import type { CmsAlgorithm } from './cms-algorithms.ts';
import {
  algorithmIdentifier,
  contextTag,
  integer,
  issuerAndSerial,
  objectIdentifier,
  octetString,
  readElement,
  sequence,
  setOf,
  time,
} from './der.ts';

export const id_data = '1.2.840.113549.1.7.1';
export const id_signedData = '1.2.840.113549.1.7.2';
export const id_contentType = '1.2.840.113549.1.9.3';
export const id_messageDigest = '1.2.840.113549.1.9.4';
export const id_signingTime = '1.2.840.113549.1.9.5';
/** id-aa-signingCertificateV2 (RFC 5035). */
export const id_signingCertificateV2 = '1.2.840.113549.1.9.16.2.47';

export interface CadesBesInput {
  /** The exact bytes of the document (detached: not embedded). */
  content: Uint8Array;
  certificateDer: Uint8Array;
  signingTime: Date;
  algorithm: CmsAlgorithm;
}

export interface PreparedCadesBes {
  /** DER of the signed attributes with the SET tag (0x31): what gets signed. */
  signedAttributes: Uint8Array;
  /** The digest of the content, as in messageDigest. */
  contentDigest: Uint8Array;
  /** Wraps the CMS signature value into the final ContentInfo DER. */
  assemble(signatureValue: Uint8Array): Uint8Array;
}

const attribute = (type: string, value: Uint8Array): Uint8Array => sequence(objectIdentifier(type), setOf(value));

export function prepareCadesBes(input: CadesBesInput): PreparedCadesBes {
  const { algorithm, certificateDer } = input;
  const { issuer, serial } = issuerAndSerial(certificateDer);
  const contentDigest = algorithm.digest(input.content);
  const signedAttributes = setOf(
    attribute(id_contentType, objectIdentifier(id_data)),
    attribute(id_signingTime, time(input.signingTime)),
    attribute(id_messageDigest, octetString(contentDigest)),
    attribute(id_signingCertificateV2, signingCertificateV2(certificateDer, issuer, serial, algorithm)),
  );

  const assemble = (signatureValue: Uint8Array): Uint8Array => {
    const digestAlgorithm = algorithmIdentifier(algorithm.digestOid);
    const attrsContent = signedAttributes.subarray(readElement(signedAttributes).valueStart);
    const signerInfo = sequence(
      integer(1),
      sequence(issuer, serial), // sid: issuerAndSerialNumber
      digestAlgorithm,
      contextTag(0, attrsContent), // signedAttrs [0] IMPLICIT
      algorithmIdentifier(algorithm.signatureOid),
      octetString(signatureValue),
    );
    const signedData = sequence(
      integer(1),
      setOf(digestAlgorithm),
      sequence(objectIdentifier(id_data)), // encapContentInfo without eContent: detached
      contextTag(0, certificateDer), // certificates [0] IMPLICIT CertificateSet
      setOf(signerInfo),
    );
    return sequence(objectIdentifier(id_signedData), contextTag(0, signedData));
  };

  return { signedAttributes, contentDigest, assemble };
}

/** Builds the CMS: `sign` gets the SET-tagged signed attributes and returns the CMS signature value. */
export async function signCadesBes(
  input: CadesBesInput & { sign: (signedAttributes: Uint8Array) => Promise<Uint8Array> },
): Promise<Uint8Array> {
  const prepared = prepareCadesBes(input);
  return prepared.assemble(await input.sign(prepared.signedAttributes));
}

/** SigningCertificateV2 { certs { ESSCertIDv2 { hashAlgorithm, certHash, issuerSerial } } } (RFC 5035). */
function signingCertificateV2(der: Uint8Array, issuer: Uint8Array, serial: Uint8Array, algorithm: CmsAlgorithm): Uint8Array {
  // hashAlgorithm DEFAULT sha256: DER omits it for SHA-256, GOST must state it.
  const hashAlgorithm = algorithm.digestOid === DIGEST_OIDS.sha256 ? [] : [algorithmIdentifier(algorithm.digestOid)];
  const issuerSerial = sequence(sequence(contextTag(4, issuer)), serial); // GeneralNames { directoryName [4] }
  return sequence(sequence(sequence(...hashAlgorithm, octetString(algorithm.digest(der)), issuerSerial)));
}
