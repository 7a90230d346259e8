/**
 * The trust an agent checks signer certificates with: the accredited CAs of
 * `trustedCa` (and the demo CA in demo mode) and a CRL cache in the data dir.
 * Without either there is nothing to check against, and the check is off.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChainCertificate } from './chain-certificate.ts';
import { CrlCache } from './crl-cache.ts';
import { demoCrlFetch, loadOrCreateDemoCa } from './demo-certificate-authority.ts';
import { certificatesIn, loadTrustStore, type TrustStore } from './trust-store.ts';

export interface SigningTrust {
  store: TrustStore;
  crls: CrlCache;
}

export interface SigningTrustOptions {
  dataDir: string;
  trustedCa?: string[];
  demo: boolean;
  /** The embedded sandbox's base URL (…/sandbox's parent): where the demo CA's CRL is served. */
  agentUrl?: () => string;
  /** Folder of the CRL cache under the data dir. */
  cacheName: string;
}

/** Where the demo token and the demo CA live in a data dir. */
export const demoCaDir = (dataDir: string): string => join(dataDir, 'demo-token');

export function signingTrust(opts: SigningTrustOptions): SigningTrust | undefined {
  if (!opts.demo && !opts.trustedCa?.length) return undefined;
  const demoCa = opts.demo ? [readChainCertificate(certificatesIn(demoCaPem(opts.dataDir))[0] as Uint8Array)] : [];
  const store = loadTrustStore(opts.trustedCa ?? [], demoCa);
  const agentUrl = opts.agentUrl;
  const crls = new CrlCache({ dir: join(opts.dataDir, opts.cacheName), ...(opts.demo && agentUrl ? { fetch: demoCrlFetch(agentUrl) } : {}) });
  return { store, crls };
}

function demoCaPem(dataDir: string): Uint8Array {
  const dir = demoCaDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  loadOrCreateDemoCa(dir);
  return new Uint8Array(readFileSync(join(dir, 'ca.pem')));
}
