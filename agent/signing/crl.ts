/**
 * Certificate revocation lists (RFC 5280 §5): parsed with @peculiar/asn1-x509,
 * the signature checked with the issuing CA's key, the serial looked up.
 * `issueCrl` makes one for the demo CA and the tests.
 */
import { sign } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, CertificateList, RevokedCertificate, TBSCertList, Time, Version } from '@peculiar/asn1-x509';
import { signedBy } from './certificate-chain.ts';
import { buildName, type CertificateIssuer } from './certificate-issuer.ts';
import { mayIssueCrls, type ChainCertificate } from './chain-certificate.ts';
import { children, readElement, type DerElement } from './der.ts';
import { SIGNATURE_OIDS } from './algorithm-oids.ts';

export interface Crl {
  der: Uint8Array;
  /** Hex of the issuer Name DER. */
  issuerName: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Revoked serials (lower-case hex, no leading zero byte) and when. */
  revoked: Map<string, Date>;
  tbs: Uint8Array;
  signatureOid: string;
  signature: Uint8Array;
}

const hex = (b: ArrayBuffer): string => Buffer.from(b).toString('hex').replace(/^(00)+(?=.)/, '');

/** Throws on bytes that are not a CRL. */
export function parseCrl(der: Uint8Array): Crl {
  const list = AsnConvert.parse(der, CertificateList);
  const tbs = list.tbsCertList;
  const revoked = new Map<string, Date>();
  for (const r of tbs.revokedCertificates ?? []) revoked.set(hex(r.userCertificate), r.revocationDate.getTime());
  return {
    der: new Uint8Array(der),
    issuerName: Buffer.from(AsnConvert.serialize(tbs.issuer)).toString('hex'),
    thisUpdate: tbs.thisUpdate.getTime(),
    ...(tbs.nextUpdate ? { nextUpdate: tbs.nextUpdate.getTime() } : {}),
    revoked,
    tbs: (children(der, readElement(der))[0] as DerElement).bytes,
    signatureOid: list.signatureAlgorithm.algorithm,
    signature: new Uint8Array(list.signature),
  };
}

/** Whether `issuer` (by name, right and key) made this CRL. */
export function crlSignedBy(crl: Crl, issuer: ChainCertificate): boolean {
  if (crl.issuerName !== issuer.subjectName || !mayIssueCrls(issuer)) return false;
  // A CRL's signed part and signature sit where a certificate's do: the same check applies.
  return signedBy({ ...issuer, tbs: crl.tbs, signatureOid: crl.signatureOid, signature: crl.signature }, issuer);
}

export interface CrlRequest {
  thisUpdate: Date;
  nextUpdate: Date;
  revoked: Array<{ serialHex: string; at: Date }>;
}

/** A CRL signed with ecdsa-with-SHA256 by a P-256 issuer (the demo CA, tests). */
export function issueCrl(issuer: CertificateIssuer, req: CrlRequest): Uint8Array {
  const algorithm = new AlgorithmIdentifier({ algorithm: SIGNATURE_OIDS.ecdsaWithSha256 });
  const revokedCertificates = req.revoked.map((r) => new RevokedCertificate({
    userCertificate: new Uint8Array(Buffer.from(r.serialHex.length % 2 ? `0${r.serialHex}` : r.serialHex, 'hex')).buffer,
    revocationDate: new Time(wholeSeconds(r.at)),
  }));
  const tbs = new TBSCertList({
    version: Version.v2,
    signature: algorithm,
    issuer: buildName(issuer.subject),
    thisUpdate: new Time(wholeSeconds(req.thisUpdate)),
    nextUpdate: new Time(wholeSeconds(req.nextUpdate)),
    ...(revokedCertificates.length ? { revokedCertificates } : {}),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = sign('sha256', tbsDer, issuer.key);
  const list = new CertificateList({ tbsCertList: tbs, signatureAlgorithm: algorithm, signature: new Uint8Array(signature).buffer });
  return new Uint8Array(AsnConvert.serialize(list));
}

const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);
