/**
 * Issues X.509 certificates shaped like Russian qualified ones (subject with
 * СНИЛС/ИНН/ОГРН, keyUsage, private key usage period). Used by the demo CA and
 * by tests; never by the production signing path.
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  CRLDistributionPoints,
  DistributionPoint,
  DistributionPointName,
  Extension,
  GeneralName,
  Extensions,
  KeyUsage,
  Name,
  PrivateKeyUsagePeriod,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_cRLDistributionPoints,
  id_ce_keyUsage,
  id_ce_privateKeyUsagePeriod,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { SUBJECT_OIDS } from './certificate.ts';
import { SIGNATURE_OIDS } from './cms-algorithms.ts';

/** keyUsage bit values (RFC 5280 §4.2.1.3, as the schema library numbers them). */
export const KEY_USAGE = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
} as const;

/** Subject fields; NumericString ones (snils, inn, ogrn, innle) are digits only. */
export type SubjectFields = Partial<Record<keyof typeof SUBJECT_OIDS, string>>;

export interface CertificateIssuer {
  subject: SubjectFields;
  /** P-256 private key of the issuer (node:crypto). */
  key: KeyObject;
  /** Subject key identifier of the issuer certificate. */
  keyIdentifier: Uint8Array;
}

export interface CertificateRequest {
  subject: SubjectFields;
  /** SubjectPublicKeyInfo DER of the key being certified. */
  publicKeySpki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** Private key usage period (2.5.29.16); omitted when absent. */
  privateKeyUsagePeriod?: { notBefore?: Date; notAfter?: Date };
  /** OR of KEY_USAGE bits; no keyUsage extension when undefined. */
  keyUsage?: number;
  isCa?: boolean;
  /** CRL distribution points (HTTP URLs) put into the certificate. */
  crlUrls?: string[];
  /** Serial number bytes; default 9 random ones. */
  serial?: Uint8Array;
}

const NUMERIC_FIELDS = new Set(['snils', 'inn', 'ogrn', 'innle']);
/** Russian certificates put the subject in this order (Приказ ФСБ №795 lists, OpenSSL prints). */
const SUBJECT_ORDER: Array<keyof typeof SUBJECT_OIDS> = [
  'country', 'organization', 'title', 'commonName', 'surname', 'givenName', 'snils', 'inn', 'ogrn', 'innle',
];

export function buildName(fields: SubjectFields): Name {
  const rdns: RelativeDistinguishedName[] = [];
  for (const key of SUBJECT_ORDER) {
    const text = fields[key];
    if (text === undefined) continue;
    let value: AttributeValue;
    if (NUMERIC_FIELDS.has(key)) value = new AttributeValue({ anyValue: new asn1js.NumericString({ value: text }).toBER() });
    else if (key === 'country') value = new AttributeValue({ printableString: text });
    else value = new AttributeValue({ utf8String: text });
    rdns.push(new RelativeDistinguishedName([new AttributeTypeAndValue({ type: SUBJECT_OIDS[key], value })]));
  }
  return new Name(rdns);
}

/** SHA-1 of the public key bits (RFC 5280 §4.2.1.2 method 1). */
export function keyIdentifierOf(spkiDer: Uint8Array): Uint8Array {
  const spki = AsnConvert.parse(spkiDer, SubjectPublicKeyInfo);
  return new Uint8Array(createHash('sha1').update(new Uint8Array(spki.subjectPublicKey)).digest());
}

/** Issues a certificate signed with ecdsa-with-SHA256 by `issuer` (self-signed when issuer.subject equals req.subject). */
export function issueCertificate(issuer: CertificateIssuer, req: CertificateRequest): Uint8Array {
  const serial = req.serial ?? randomSerial();
  const extensions = new Extensions([
    extension(id_ce_basicConstraints, new BasicConstraints({ cA: req.isCa ?? false }), true),
    extension(id_ce_subjectKeyIdentifier, new SubjectKeyIdentifier(keyIdentifierOf(req.publicKeySpki))),
    extension(id_ce_authorityKeyIdentifier, new AuthorityKeyIdentifier({ keyIdentifier: new OctetString(issuer.keyIdentifier) })),
  ]);
  if (req.keyUsage !== undefined) extensions.push(extension(id_ce_keyUsage, new KeyUsage(req.keyUsage), true));
  if (req.crlUrls?.length) extensions.push(extension(id_ce_cRLDistributionPoints, distributionPoints(req.crlUrls)));
  const pkup = req.privateKeyUsagePeriod;
  if (pkup) {
    const period = new PrivateKeyUsagePeriod({
      ...(pkup.notBefore ? { notBefore: wholeSeconds(pkup.notBefore) } : {}),
      ...(pkup.notAfter ? { notAfter: wholeSeconds(pkup.notAfter) } : {}),
    });
    extensions.push(extension(id_ce_privateKeyUsagePeriod, period));
  }
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial.slice().buffer as ArrayBuffer,
    signature: new AlgorithmIdentifier({ algorithm: SIGNATURE_OIDS.ecdsaWithSha256 }),
    issuer: buildName(issuer.subject),
    validity: new Validity({ notBefore: req.notBefore, notAfter: req.notAfter }),
    subject: buildName(req.subject),
    subjectPublicKeyInfo: AsnConvert.parse(req.publicKeySpki, SubjectPublicKeyInfo),
    extensions,
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = sign('sha256', tbsDer, issuer.key);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: SIGNATURE_OIDS.ecdsaWithSha256 }),
    signatureValue: signature.buffer.slice(signature.byteOffset, signature.byteOffset + signature.length),
  });
  return new Uint8Array(AsnConvert.serialize(cert));
}

export function randomSerial(): Uint8Array {
  const serial = randomBytes(9);
  // Positive and minimal DER: a leading 0x00 before a byte < 0x80 is illegal padding.
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  return new Uint8Array(serial);
}

const distributionPoints = (urls: string[]): CRLDistributionPoints => new CRLDistributionPoints(urls.map((url) =>
  new DistributionPoint({ distributionPoint: new DistributionPointName({ fullName: [new GeneralName({ uniformResourceIdentifier: url })] }) })));

/** RFC 5280 forbids fractional seconds in certificate times. */
const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

export function extension(id: string, value: object, critical = false): Extension {
  return new Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/** SPKI DER for a raw uncompressed P-256 point (04‖X‖Y), as read from a token's CKA_EC_POINT. */
export function p256Spki(point: Uint8Array): Uint8Array {
  const spki = new SubjectPublicKeyInfo({
    algorithm: new AlgorithmIdentifier({
      algorithm: '1.2.840.10045.2.1',
      parameters: new asn1js.ObjectIdentifier({ value: '1.2.840.10045.3.1.7' }).toBER(),
    }),
    subjectPublicKey: point.slice().buffer,
  });
  return new Uint8Array(AsnConvert.serialize(spki));
}

export const toPem = (der: Uint8Array, label = 'CERTIFICATE'): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
