/**
 * The demo certification authority: a P-256 key made with node:crypto and a
 * self-signed CA certificate, kept in the demo token directory (mode 0600).
 * It issues the demo doctor's certificate; it is not a qualified CA.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueCertificate, keyIdentifierOf, toPem, KEY_USAGE, type CertificateIssuer, type SubjectFields } from './certificate-issuer.ts';

export const DEMO_CA_SUBJECT: SubjectFields = {
  country: 'RU',
  organization: 'egisz-bridge (демонстрация)',
  commonName: 'Демонстрационный УЦ egisz-bridge',
};

export interface DemoCa extends CertificateIssuer {
  certificatePem: string;
}

/** Loads the CA from `dir`, or creates it there (ca-key.pem, ca.pem). */
export function loadOrCreateDemoCa(dir: string): DemoCa {
  const keyPath = join(dir, 'ca-key.pem');
  const certPath = join(dir, 'ca.pem');
  if (existsSync(keyPath) && existsSync(certPath)) {
    const key = createPrivateKey(readFileSync(keyPath));
    const spki = new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }));
    return { subject: DEMO_CA_SUBJECT, key, keyIdentifier: keyIdentifierOf(spki), certificatePem: readFileSync(certPath, 'utf8') };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  const issuer = { subject: DEMO_CA_SUBJECT, key: privateKey, keyIdentifier: keyIdentifierOf(spki) };
  const now = new Date();
  const der = issueCertificate(issuer, {
    subject: DEMO_CA_SUBJECT,
    publicKeySpki: spki,
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
    keyUsage: KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
    isCa: true,
  });
  const certificatePem = toPem(der);
  writeFileSync(keyPath, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  writeFileSync(certPath, certificatePem, { mode: 0o600 });
  return { ...issuer, certificatePem };
}
