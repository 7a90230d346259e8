/**
 * The sandbox REMD's own key and certificate: it signs the
 * registerDocumentResult callbacks with them (WS-Security), so that an agent
 * can tell REMD's callbacks from forged ones. A P-256 key made with
 * node:crypto and a self-signed certificate; with `dir` both are kept there
 * (remd-key.pem mode 0600, remd-certificate.pem), so a restarted sandbox keeps
 * the identity the agents were told to trust.
 */
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyPairSigner, type WsSecuritySigner } from '../egisz/remd/ws-security.ts';
import { issueCertificate, keyIdentifierOf, KEY_USAGE, toPem, type SubjectFields } from '../signing/certificate-issuer.ts';

const SUBJECT: SubjectFields = { country: 'RU', organization: 'egisz-bridge (песочница)', commonName: 'РЭМД ЕГИСЗ (песочница)' };
const YEAR_MS = 365 * 86_400_000;

export interface RemdIdentity {
  signer: WsSecuritySigner;
  certificatePem: string;
  /** Where the certificate is kept, when it is. */
  certificateFile?: string;
}

export function loadOrCreateRemdIdentity(dir?: string): RemdIdentity {
  const keyFile = dir && join(dir, 'remd-key.pem');
  const certificateFile = dir && join(dir, 'remd-certificate.pem');
  if (keyFile && certificateFile && existsSync(keyFile) && existsSync(certificateFile)) {
    const certificatePem = readFileSync(certificateFile, 'utf8');
    if (new X509Certificate(certificatePem).validToDate.getTime() > Date.now() + 86_400_000) {
      return { signer: keyPairSigner(createPrivateKey(readFileSync(keyFile)), certificatePem), certificatePem, certificateFile };
    }
  }
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  const now = Date.now();
  const certificatePem = toPem(issueCertificate({ subject: SUBJECT, key: privateKey, keyIdentifier: keyIdentifierOf(spki) }, {
    subject: SUBJECT, publicKeySpki: spki, notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 5 * YEAR_MS),
    keyUsage: KEY_USAGE.digitalSignature,
  }));
  if (keyFile && certificateFile) {
    mkdirSync(dir!, { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    writeFileSync(certificateFile, certificatePem, { mode: 0o644 });
  }
  return { signer: keyPairSigner(privateKey, certificatePem), certificatePem, ...(certificateFile ? { certificateFile } : {}) };
}
