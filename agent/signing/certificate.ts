/**
 * X.509 certificates of Russian qualified signatures (КЭП), parsed into the
 * fields the agent checks and shows: owner name, СНИЛС/ИНН/ОГРН from the
 * subject (OIDs of Приказ ФСБ №795), validity and private key usage period.
 */
import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, KeyUsage, Name, PrivateKeyUsagePeriod, id_ce_keyUsage, id_ce_privateKeyUsagePeriod } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { keyAlgorithmOf, type KeyAlgorithm } from './key-algorithm.ts';
import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import type { Issue } from '../../shared/validate/issue.ts';

/** Subject attribute OIDs; the Russian ones per Приказ ФСБ России №795. */
export const SUBJECT_OIDS = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  title: '2.5.4.12',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  /** СНИЛС, NumericString(11). */
  snils: '1.2.643.100.3',
  /** ОГРН, NumericString(13). */
  ogrn: '1.2.643.100.1',
  /** ИНН физического лица, NumericString(12). */
  inn: '1.2.643.3.131.1.1',
  /** ИНН юридического лица, NumericString(10). */
  innle: '1.2.643.100.4',
} as const;

export interface CertificateSubject {
  commonName?: string;
  surname?: string;
  /** "Имя Отчество" in Russian qualified certificates. */
  givenName?: string;
  snils?: string;
  inn?: string;
  ogrn?: string;
  innle?: string;
  organization?: string;
  title?: string;
}

export interface ParsedCertificate {
  subject: CertificateSubject;
  issuerCommonName: string;
  /** Lower-case hex, no leading zero byte. */
  serialNumberHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Extension 2.5.29.16; both ends optional. */
  privateKeyUsagePeriod?: { notBefore?: Date; notAfter?: Date };
  /** Names of the keyUsage bits set, e.g. "digitalSignature", "nonRepudiation". Empty when the extension is absent. */
  keyUsage: string[];
  /** Lower-case hex SHA-256 of the DER: the id the extension and agent pass around. */
  fingerprint: string;
  /** Public key algorithm, used to pick the signature mechanism. */
  keyAlgorithm: KeyAlgorithm;
  der: Uint8Array;
}

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** Parsed certificates by fingerprint: the same few certificates are read on every signature. */
const parsedCache = new Map<string, ParsedCertificate>();
const PARSED_CACHE_SIZE = 64;

/** Parses a DER certificate; throws on anything that is not one. Treat the result as read-only (it is shared). */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const fingerprint = certificateFingerprint(der);
  const cached = parsedCache.get(fingerprint);
  if (cached) return cached;
  const parsed = parseUncached(der, fingerprint);
  if (parsedCache.size >= PARSED_CACHE_SIZE) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(fingerprint, parsed);
  return parsed;
}

function parseUncached(der: Uint8Array, fingerprint: string): ParsedCertificate {
  const cert = AsnConvert.parse(der, Certificate);
  const tbs = cert.tbsCertificate;
  const subject = readSubject(tbs.subject);
  const issuer = nameAttributes(tbs.issuer);
  const parsed: ParsedCertificate = {
    subject,
    issuerCommonName: issuer.get(SUBJECT_OIDS.commonName) ?? '',
    serialNumberHex: Buffer.from(tbs.serialNumber).toString('hex').replace(/^(00)+(?=.)/, ''),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    keyUsage: [],
    fingerprint,
    keyAlgorithm: keyAlgorithmOf(tbs.subjectPublicKeyInfo),
    der: new Uint8Array(der),
  };
  for (const ext of tbs.extensions ?? []) {
    if (ext.extnID === id_ce_keyUsage) {
      const bits = AsnConvert.parse(ext.extnValue, KeyUsage).toNumber();
      parsed.keyUsage = KEY_USAGE_BITS.filter((_, i) => (bits & (1 << i)) !== 0);
    } else if (ext.extnID === id_ce_privateKeyUsagePeriod) {
      const pkup = AsnConvert.parse(ext.extnValue, PrivateKeyUsagePeriod);
      parsed.privateKeyUsagePeriod = {
        ...(pkup.notBefore ? { notBefore: pkup.notBefore } : {}),
        ...(pkup.notAfter ? { notAfter: pkup.notAfter } : {}),
      };
    }
  }
  return parsed;
}

/** Hex SHA-256 of the certificate DER, lower case. */
export const certificateFingerprint = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/** Accepts "AB:CD…", "ab cd…" or plain hex, as users and other tools write fingerprints. */
export const normalizeFingerprint = (s: string): string => s.replace(/[^0-9a-f]/gi, '').toLowerCase();

function readSubject(name: Name): CertificateSubject {
  const attrs = nameAttributes(name);
  const subject: CertificateSubject = {};
  for (const [key, oid] of Object.entries(SUBJECT_OIDS)) {
    const value = attrs.get(oid);
    if (value !== undefined && key !== 'country') subject[key as keyof CertificateSubject] = value;
  }
  return subject;
}

/** First value of each attribute type in a Name, as text. */
export function nameAttributes(name: Name): Map<string, string> {
  const out = new Map<string, string>();
  for (const rdn of name) {
    for (const atv of rdn) {
      if (out.has(atv.type)) continue;
      out.set(atv.type, attributeText(atv.value));
    }
  }
  return out;
}

function attributeText(value: Name[number][number]['value']): string {
  if (!value.anyValue) return value.toString();
  // NumericString and other types the schema does not model arrive raw.
  const block = asn1js.fromBER(value.anyValue).result as unknown as { valueBlock?: { value?: unknown } };
  const text = block.valueBlock?.value;
  return typeof text === 'string' ? text : new TextDecoder().decode(value.anyValue);
}

/** The certificate as the extension shows it; `warnings` come from certificate-checks.ts. */
export function summarizeCertificate(cert: ParsedCertificate, warnings: Issue[] = []): CertificateSummary {
  const { surname, givenName, commonName, snils } = cert.subject;
  const owner = [surname, givenName].filter(Boolean).join(' ') || commonName || '';
  return {
    owner,
    ...(snils ? { snils } : {}),
    issuer: cert.issuerCommonName,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    fingerprint: cert.fingerprint,
    warnings,
  };
}
