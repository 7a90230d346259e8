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
import { children, decodeObjectIdentifier, decodeTime, readElement, valueOf, type DerElement } from './der.ts';
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

const serialHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').replace(/^(00)+(?=.)/, '');
const TIME_TAGS = new Set([0x17, 0x18]);

/**
 * Throws on bytes that are not a CRL. Read with our DER walker, not the schema
 * library: CAs publish lists of 10^5 entries and more, beyond its node limit and slow there.
 */
export function parseCrl(der: Uint8Array): Crl {
  const [tbsElement, algorithm, signature] = children(der, readElement(der));
  if (tbsElement?.tag !== 0x30 || algorithm?.tag !== 0x30 || signature?.tag !== 0x03) throw new Error('not a CRL');
  const fields = children(der, tbsElement);
  let i = fields[0]?.tag === 0x02 ? 1 : 0; // version v2
  const [, issuer, thisUpdate] = [fields[i], fields[i + 1], fields[i + 2]];
  if (issuer?.tag !== 0x30 || !thisUpdate) throw new Error('not a CRL');
  i += 3;
  const next = fields[i];
  const nextUpdate = next && TIME_TAGS.has(next.tag) ? decodeTime(der, next) : undefined;
  if (nextUpdate) i++;
  const revoked = new Map<string, Date>();
  if (fields[i]?.tag === 0x30) {
    for (const entry of children(der, fields[i] as DerElement)) {
      const [serial, date] = children(der, entry);
      if (serial?.tag !== 0x02 || !date) throw new Error('malformed CRL entry');
      revoked.set(serialHex(valueOf(der, serial)), decodeTime(der, date));
    }
  }
  const signatureBits = valueOf(der, signature);
  return {
    der: new Uint8Array(der),
    issuerName: Buffer.from(issuer.bytes).toString('hex'),
    thisUpdate: decodeTime(der, thisUpdate),
    ...(nextUpdate ? { nextUpdate } : {}),
    revoked,
    tbs: tbsElement.bytes,
    signatureOid: decodeObjectIdentifier(der, children(der, algorithm)[0] as DerElement),
    signature: signatureBits.subarray(1), // the BIT STRING's unused-bits byte
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
