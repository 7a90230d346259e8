/**
 * The trust an agent checks signer certificates with: the accredited CAs of
 * `trustedCa` (and the demo CA in demo mode) and a CRL cache in the data dir.
 * Without either there is nothing to check against, and the check is off.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readChainCertificate, type ChainCertificate } from './chain-certificate.ts';
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
  /** Where the demo sandbox (and the demo CA's CRL, /sandbox/ca/demo-ca.crl) is served: this agent or its gateway; absent: the demo CA answers in-process. */
  sandboxAgentUrl?: () => string;
  /** Folder of the CRL cache under the data dir. */
  cacheName: string;
}

/** Where the demo token and the demo CA live in a data dir. */
export const demoCaDir = (dataDir: string): string => join(dataDir, 'demo-token');

export function signingTrust(opts: SigningTrustOptions): SigningTrust | undefined {
  if (!opts.demo && !opts.trustedCa?.length) return undefined;
  const store = loadTrustStore(opts.trustedCa ?? [], opts.demo ? demoAnchors(opts.dataDir) : []);
  const demoFetch = demoCrlFetch(opts.sandboxAgentUrl ? { sandboxBaseUrl: opts.sandboxAgentUrl } : { caDir: demoCaDir(opts.dataDir) });
  const crls = new CrlCache({ dir: join(opts.dataDir, opts.cacheName), ...(opts.demo ? { fetch: demoFetch } : {}) });
  return { store, crls };
}

/** The data dir's demo CA (a demo workstation whose token another CA issued names that one in trustedCa). */
function demoAnchors(dataDir: string): ChainCertificate[] {
  const dir = demoCaDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return certificatesIn(new TextEncoder().encode(loadOrCreateDemoCa(dir).certificatePem)).map(readChainCertificate);
}
