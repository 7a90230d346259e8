/**
 * Detached CAdES-BES SignedData (signing.md §2.3): contentType, signingTime,
 * messageDigest and signingCertificateV2 as DER-sorted signed attributes,
 * sid = issuerAndSerialNumber, the signer certificate embedded, no eContent.
 * The signature covers the SET-tagged DER of the signed attributes.
 */
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifier,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SigningTime,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
  id_signingTime,
} from '@peculiar/asn1-cms';
import { Certificate } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { DIGEST_OIDS, type CmsAlgorithm } from './cms-algorithms.ts';

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

export function prepareCadesBes(input: CadesBesInput): PreparedCadesBes {
  const { algorithm } = input;
  const certificate = AsnConvert.parse(input.certificateDer, Certificate);
  const contentDigest = algorithm.digest(input.content);
  const attributes = sortedAttributes([
    attribute(id_contentType, new asn1js.ObjectIdentifier({ value: id_data }).toBER()),
    attribute(id_signingTime, AsnConvert.serialize(new SigningTime(input.signingTime))),
    attribute(id_messageDigest, new asn1js.OctetString({ valueHex: contentDigest }).toBER()),
    attribute(id_signingCertificateV2, signingCertificateV2(input.certificateDer, certificate, algorithm)),
  ]);
  const signedAttributes = derSet(attributes.map((a) => a.der));

  const assemble = (signatureValue: Uint8Array): Uint8Array => {
    const digestAlgorithm = new DigestAlgorithmIdentifier({ algorithm: algorithm.digestOid });
    const signerInfo = new SignerInfo({
      version: CMSVersion.v1,
      sid: new SignerIdentifier({
        issuerAndSerialNumber: new IssuerAndSerialNumber({
          issuer: certificate.tbsCertificate.issuer,
          serialNumber: certificate.tbsCertificate.serialNumber,
        }),
      }),
      digestAlgorithm,
      signedAttrs: attributes.map((a) => a.attribute),
      signatureAlgorithm: new SignatureAlgorithmIdentifier({ algorithm: algorithm.signatureOid }),
      signature: new OctetString(signatureValue),
    });
    const signedData = new SignedData({
      version: CMSVersion.v1,
      encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
      certificates: new CertificateSet([new CertificateChoices({ certificate })]),
    });
    signedData.digestAlgorithms.push(digestAlgorithm);
    signedData.signerInfos.push(signerInfo);
    const contentInfo = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
    return new Uint8Array(AsnConvert.serialize(contentInfo));
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

interface EncodedAttribute {
  attribute: Attribute;
  der: Uint8Array;
}

function attribute(type: string, value: ArrayBuffer): EncodedAttribute {
  const attr = new Attribute({ attrType: type, attrValues: [value] });
  return { attribute: attr, der: new Uint8Array(AsnConvert.serialize(attr)) };
}

/** DER SET OF: elements in ascending order of their encodings (X.690 §11.6). */
function sortedAttributes(list: EncodedAttribute[]): EncodedAttribute[] {
  return [...list].sort((a, b) => Buffer.compare(a.der, b.der));
}

function derSet(elements: Uint8Array[]): Uint8Array {
  const seq = new asn1js.Set({ value: elements.map((e) => asn1js.fromBER(e).result) });
  return new Uint8Array(seq.toBER());
}

/** SigningCertificateV2 { certs { ESSCertIDv2 { hashAlgorithm, certHash, issuerSerial } } } (RFC 5035). */
function signingCertificateV2(der: Uint8Array, certificate: Certificate, algorithm: CmsAlgorithm): ArrayBuffer {
  const issuer = asn1js.fromBER(AsnConvert.serialize(certificate.tbsCertificate.issuer)).result;
  const essCertId: asn1js.AsnType[] = [];
  // hashAlgorithm DEFAULT sha256: DER omits it for SHA-256, GOST must state it.
  if (algorithm.digestOid !== DIGEST_OIDS.sha256) {
    essCertId.push(new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: algorithm.digestOid })] }));
  }
  essCertId.push(
    new asn1js.OctetString({ valueHex: algorithm.digest(der) }),
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [issuer] })],
        }),
        new asn1js.Integer({ valueHex: certificate.tbsCertificate.serialNumber }),
      ],
    }),
  );
  const value = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: essCertId })] })],
  });
  return value.toBER();
}
