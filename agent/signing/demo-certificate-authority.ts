/**
 * The demo certification authority: a P-256 key made with node:crypto and a
 * self-signed CA certificate, kept in the demo token directory (mode 0600).
 * It issues the demo doctor's certificate; it is not a qualified CA. It
 * publishes a signed CRL (the demo sandbox serves it at DEMO_CRL_URL, the
 * distribution point of its certificates) and can revoke a certificate
 * (revoked.json next to its key: a demo and test switch).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { issueCrl } from './crl.ts';
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

/** The distribution point in the demo certificates: the demo agent's sandbox at its default port. */
export const DEMO_CRL_PATH = '/sandbox/ca/demo-ca.crl';
export const DEMO_CRL_URL = `http://127.0.0.1:17346${DEMO_CRL_PATH}`;
/** Short, so that a revocation shows within a minute (a real CA's lists live for hours or days). */
const DEMO_CRL_LIFETIME_MS = 60_000;

interface RevokedEntry { serialHex: string; at: string }

const revokedFile = (dir: string): string => join(dir, 'revoked.json');

function revokedIn(dir: string): RevokedEntry[] {
  return existsSync(revokedFile(dir)) ? JSON.parse(readFileSync(revokedFile(dir), 'utf8')) as RevokedEntry[] : [];
}

/** Puts a serial (hex) on the demo CA's revocation list. */
export function revokeDemoCertificate(dir: string, serialHex: string, at = new Date()): void {
  const serial = serialHex.toLowerCase().replace(/^0+(?=.)/, '');
  if (!/^[0-9a-f]+$/.test(serial)) throw new Error('serial is not hex');
  const list = revokedIn(dir).filter((r) => r.serialHex !== serial);
  writeFileSync(revokedFile(dir), JSON.stringify([...list, { serialHex: serial, at: at.toISOString() }]), { mode: 0o600 });
}

/** The demo CA's CRL as of `now`, freshly signed. */
export function demoCaCrl(dir: string, now = new Date()): Uint8Array {
  const ca = loadOrCreateDemoCa(dir);
  return issueCrl(ca, {
    thisUpdate: new Date(now.getTime() - 1000),
    nextUpdate: new Date(now.getTime() + DEMO_CRL_LIFETIME_MS),
    revoked: revokedIn(dir).map((r) => ({ serialHex: r.serialHex, at: new Date(r.at) })),
  });
}

/**
 * A fetch for CRLs that sends the demo distribution point to where the demo
 * sandbox runs now (its port may differ from the default one in the
 * certificate), or, for an agent that does not serve the sandbox, answers it
 * from the demo CA itself. Other URLs go to the network.
 */
export function demoCrlFetch(source: { sandboxBaseUrl?: () => string; caDir?: string }, inner: typeof fetch = fetch): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url !== DEMO_CRL_URL) return inner(input, init);
    if (source.sandboxBaseUrl) return inner(`${source.sandboxBaseUrl()}${DEMO_CRL_PATH}`, init);
    if (source.caDir) return Promise.resolve(new Response(new Uint8Array(demoCaCrl(source.caDir))));
    return inner(input, init);
  }) as typeof fetch;
}
