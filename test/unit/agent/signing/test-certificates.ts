/** Certificates made in-process for unit tests: a P-256 CA and leaf certificates with chosen fields. */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  issueCertificate,
  keyIdentifierOf,
  KEY_USAGE,
  type CertificateIssuer,
  type CertificateRequest,
  type SubjectFields,
} from '../../../../agent/signing/certificate-issuer.ts';

export const DAY = 86_400_000;

export const doctorSubject: SubjectFields = {
  country: 'RU',
  organization: 'ГБУЗ «Городская поликлиника № 1»',
  title: 'Врач-терапевт',
  commonName: 'Иванова Мария Петровна',
  surname: 'Иванова',
  givenName: 'Мария Петровна',
  snils: '11223344595',
  inn: '771234567890',
  ogrn: '1027700000019',
  innle: '7701000001',
};

export interface TestCa extends CertificateIssuer {
  der: Uint8Array;
}

export function makeCa(subject: SubjectFields = { country: 'RU', commonName: 'Тестовый УЦ' }): TestCa {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  const issuer = { subject, key: privateKey, keyIdentifier: keyIdentifierOf(spki) };
  const now = Date.now();
  const der = issueCertificate(issuer, {
    subject,
    publicKeySpki: spki,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    keyUsage: KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
    isCa: true,
  });
  return { ...issuer, der };
}

export interface TestLeaf {
  der: Uint8Array;
  privateKey: KeyObject;
}

/** A leaf certificate for a fresh key; defaults: doctor subject, valid ±1 year, signing key usage. */
export function makeLeaf(
  ca: TestCa,
  overrides: Partial<Omit<CertificateRequest, 'publicKeySpki'>> & { keyType?: 'ec' | 'rsa' } = {},
): TestLeaf {
  const { keyType = 'ec', ...req } = overrides;
  const pair = keyType === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(createPublicKey(pair.privateKey).export({ format: 'der', type: 'spki' }));
  const now = Date.now();
  const der = issueCertificate(ca, {
    subject: doctorSubject,
    notBefore: new Date(now - 30 * DAY),
    notAfter: new Date(now + 365 * DAY),
    keyUsage: KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
    ...req,
    publicKeySpki: spki,
  });
  return { der, privateKey: pair.privateKey };
}

/** An intermediate CA issued by `parent`; defaults: a CA with keyCertSign and cRLSign, valid ±5 years. */
export function makeIntermediate(
  parent: TestCa,
  overrides: Partial<Omit<CertificateRequest, 'publicKeySpki'>> = {},
): TestCa {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  const subject = overrides.subject ?? { country: 'RU', commonName: 'Тестовый промежуточный УЦ' };
  const now = Date.now();
  const der = issueCertificate(parent, {
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 1825 * DAY),
    keyUsage: KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
    isCa: true,
    ...overrides,
    subject,
    publicKeySpki: spki,
  });
  return { subject, key: privateKey, keyIdentifier: keyIdentifierOf(spki), der };
}
