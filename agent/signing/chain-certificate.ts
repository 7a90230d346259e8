/**
 * A certificate as chain building and revocation see it: names as DER (compared
 * byte for byte), key identifiers, CA constraints, the CRL distribution points
 * and the signed part with its signature, so an issuer's key can check it.
 */
import { AsnConvert, type OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  CRLDistributionPoints,
  KeyUsage,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_cRLDistributionPoints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { certificateFingerprint, nameAttributes, SUBJECT_OIDS } from './certificate.ts';
import { children, readElement, type DerElement } from './der.ts';
import { keyAlgorithmOf, type KeyAlgorithm } from './key-algorithm.ts';
import { KEY_USAGE } from './certificate-issuer.ts';

export interface ChainCertificate {
  der: Uint8Array;
  fingerprint: string;
  /** Hex of the subject and issuer Name DER. */
  subjectName: string;
  issuerName: string;
  commonName: string;
  issuerCommonName: string;
  serialNumberHex: string;
  subjectKeyId?: string;
  authorityKeyId?: string;
  isCa: boolean;
  /** keyUsage bits (KEY_USAGE values); undefined without the extension. */
  keyUsage?: number;
  notBefore: Date;
  notAfter: Date;
  keyAlgorithm: KeyAlgorithm;
  spki: Uint8Array;
  /** What the issuer signed, the algorithm OID and the signature (BIT STRING content). */
  tbs: Uint8Array;
  signatureOid: string;
  signature: Uint8Array;
  /** HTTP(S) URLs of the CRL distribution points. */
  crlUrls: string[];
}

const hex = (b: ArrayBuffer | Uint8Array): string => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');

export function readChainCertificate(der: Uint8Array): ChainCertificate {
  const cert = AsnConvert.parse(der, Certificate);
  const tbs = cert.tbsCertificate;
  const out: ChainCertificate = {
    der: new Uint8Array(der),
    fingerprint: certificateFingerprint(der),
    subjectName: hex(AsnConvert.serialize(tbs.subject)),
    issuerName: hex(AsnConvert.serialize(tbs.issuer)),
    commonName: nameAttributes(tbs.subject).get(SUBJECT_OIDS.commonName) ?? '',
    issuerCommonName: nameAttributes(tbs.issuer).get(SUBJECT_OIDS.commonName) ?? '',
    serialNumberHex: hex(tbs.serialNumber).replace(/^(00)+(?=.)/, ''),
    isCa: false,
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    keyAlgorithm: keyAlgorithmOf(tbs.subjectPublicKeyInfo),
    spki: new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
    tbs: (children(der, readElement(der))[0] as DerElement).bytes,
    signatureOid: cert.signatureAlgorithm.algorithm,
    signature: new Uint8Array(cert.signatureValue),
    crlUrls: [],
  };
  for (const ext of tbs.extensions ?? []) readExtension(out, ext.extnID, ext.extnValue);
  return out;
}

function readExtension(out: ChainCertificate, id: string, value: OctetString): void {
  if (id === id_ce_basicConstraints) out.isCa = AsnConvert.parse(value, BasicConstraints).cA;
  else if (id === id_ce_keyUsage) out.keyUsage = AsnConvert.parse(value, KeyUsage).toNumber();
  else if (id === id_ce_subjectKeyIdentifier) out.subjectKeyId = hex(AsnConvert.parse(value, SubjectKeyIdentifier).buffer);
  else if (id === id_ce_authorityKeyIdentifier) {
    const aki = AsnConvert.parse(value, AuthorityKeyIdentifier).keyIdentifier;
    if (aki) out.authorityKeyId = hex(aki.buffer);
  } else if (id === id_ce_cRLDistributionPoints) {
    for (const point of AsnConvert.parse(value, CRLDistributionPoints)) {
      for (const name of point.distributionPoint?.fullName ?? []) {
        const url = name.uniformResourceIdentifier;
        if (url && /^https?:\/\//i.test(url)) out.crlUrls.push(url);
      }
    }
  }
}

/** A CA may sign certificates: basicConstraints cA and, when keyUsage is present, keyCertSign. */
export const mayIssueCertificates = (c: ChainCertificate): boolean =>
  c.isCa && (c.keyUsage === undefined || (c.keyUsage & KEY_USAGE.keyCertSign) !== 0);

/** A CA may sign CRLs: keyUsage absent or with cRLSign. */
export const mayIssueCrls = (c: ChainCertificate): boolean => c.keyUsage === undefined || (c.keyUsage & KEY_USAGE.cRLSign) !== 0;

export const validAt = (c: ChainCertificate, at: Date): boolean => at >= c.notBefore && at <= c.notAfter;
