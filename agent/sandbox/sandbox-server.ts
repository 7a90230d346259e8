/**
 * `egisz-agent sandbox`: the sandbox alone on its own port, for running a MIS
 * or an agent elsewhere against it. Documents are fetched from each system's
 * documentFileUrl in the dataset. As IPS does, it refuses requests without
 * WS-Security unless told otherwise (tests), and it signs its callbacks with
 * a REMD identity kept in `identityDir`: the agents' `remdCertificate`.
 */
import express from 'express';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { CrlCache } from '../signing/crl-cache.ts';
import { loadTrustStore } from '../signing/trust-store.ts';
import type { Logger } from '../log.ts';
import { loadFederalDataset } from './federal-dataset.ts';
import { loadOrCreateRemdIdentity } from './remd-identity.ts';
import { createSandbox } from './sandbox.ts';
import type { SandboxOptions } from './sandbox.ts';

export interface SandboxServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The PEM of the certificate the callbacks are signed with (in identityDir, when given). */
  certificateFile?: string;
  close(): Promise<void>;
}

export interface SandboxServerOptions {
  port: number;
  log: Logger;
  datasetFile?: string;
  /** Where REMD's key and certificate are kept across restarts; a fresh identity without it. */
  identityDir?: string;
  /** Accredited CA certificates (files or folders): personal certificates must chain to one and not be revoked (CRL). */
  trustedCa?: string[];
  /** Checks and fault defaults, e.g. { strict: true }; wsSecurity defaults to 'require', Schematron to 'enforce'. */
  sandbox?: Omit<SandboxOptions, 'dataset' | 'log' | 'remdIdentity'>;
}

export async function startSandboxServer(opts: SandboxServerOptions): Promise<SandboxServer> {
  const identity = loadOrCreateRemdIdentity(opts.identityDir);
  const trust = opts.trustedCa?.length
    ? { trust: { store: loadTrustStore(opts.trustedCa), crls: new CrlCache(opts.identityDir ? { dir: join(opts.identityDir, 'crl-cache') } : {}) } }
    : {};
  const sandbox = createSandbox({
    wsSecurity: 'require', schematron: 'enforce', ...trust, ...opts.sandbox, dataset: loadFederalDataset(opts.datasetFile), log: opts.log, remdIdentity: identity,
  });
  const app = express();
  app.disable('x-powered-by');
  app.use('/sandbox', sandbox.router);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  opts.log.info('sandbox.started', { port, wsSecurity: opts.sandbox?.wsSecurity ?? 'require' });
  return {
    url: `http://127.0.0.1:${port}`,
    ...(identity.certificateFile ? { certificateFile: identity.certificateFile } : {}),
    close: async () => {
      sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
