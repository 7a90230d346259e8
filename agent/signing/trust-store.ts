/**
 * The accredited certification centres the agent trusts: root and
 * intermediate certificates from `trustedCa` in config.json (PEM bundles, DER
 * files, or directories of them; the real list is the Ministry of Digital
 * Development's TSL of accredited CAs), plus the demo CA in demo mode.
 * Every certificate listed is an anchor: the TSL names each accredited CA's
 * own certificates, intermediates included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readChainCertificate, type ChainCertificate } from './chain-certificate.ts';

export interface TrustStore {
  certificates: ChainCertificate[];
  trusts(cert: ChainCertificate): boolean;
}

const CERT_FILE = /\.(pem|crt|cer|der)$/i;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

export function trustStoreOf(certificates: ChainCertificate[]): TrustStore {
  const anchors = new Set(certificates.map((c) => c.fingerprint));
  return { certificates, trusts: (cert) => anchors.has(cert.fingerprint) };
}

/** DER certificates in a PEM text (any number) or one DER file. */
export function certificatesIn(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => new Uint8Array(Buffer.from(m[1] ?? '', 'base64')));
  return blocks.length > 0 || text.includes('-----BEGIN') ? blocks : [bytes];
}

/** Reads each path (a file or a directory of .pem/.crt/.cer/.der files). Throws with the file name on a broken one. */
export function loadTrustStore(paths: string[], extra: ChainCertificate[] = []): TrustStore {
  const found: ChainCertificate[] = [...extra];
  for (const path of paths) {
    if (!existsSync(path)) throw new Error(`${path}: нет такого файла или папки с сертификатами аккредитованных УЦ`);
    const files = statSync(path).isDirectory()
      ? readdirSync(path).filter((f) => CERT_FILE.test(f)).sort().map((f) => join(path, f))
      : [path];
    for (const file of files) {
      try {
        found.push(...certificatesIn(new Uint8Array(readFileSync(file))).map(readChainCertificate));
      } catch (e) {
        throw new Error(`${file}: не сертификат X.509 (${(e as Error).message})`);
      }
    }
  }
  const unique = new Map(found.map((c) => [c.fingerprint, c]));
  return trustStoreOf([...unique.values()]);
}
