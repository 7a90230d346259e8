/** Throw-away self-signed certificates for WS-Security tests, made by the openssl CLI. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKeyPair {
  keyPem: string;
  certificatePem: string;
}

const KEY_ARGS = {
  rsa: ['-newkey', 'rsa:2048'],
  ec: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
} as const;

export function selfSignedCertificate(kind: keyof typeof KEY_ARGS, days = 1): TestKeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'egisz-wss-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', ...KEY_ARGS[kind], '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=egisz-bridge test MIS', '-days', String(days)], { stdio: 'ignore' });
    return { keyPem: readFileSync(key, 'utf8'), certificatePem: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
