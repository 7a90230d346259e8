/**
 * `egisz-agent sandbox`: the sandbox alone on its own port, for running a MIS
 * or an agent elsewhere against it. Documents are fetched from each system's
 * documentFileUrl in the dataset.
 */
import express from 'express';
import { createServer } from 'node:http';
import type { Logger } from '../log.ts';
import { loadFederalDataset } from './federal-dataset.ts';
import { createSandbox } from './sandbox.ts';
import type { SandboxOptions } from './sandbox.ts';

export interface SandboxServer {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export interface SandboxServerOptions {
  port: number;
  log: Logger;
  datasetFile?: string;
  /** Checks and fault defaults, e.g. { strict: true }. */
  sandbox?: Omit<SandboxOptions, 'dataset' | 'log'>;
}

export async function startSandboxServer(opts: SandboxServerOptions): Promise<SandboxServer> {
  const sandbox = createSandbox({ ...opts.sandbox, dataset: loadFederalDataset(opts.datasetFile), log: opts.log });
  const app = express();
  app.disable('x-powered-by');
  app.use('/sandbox', sandbox.router);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  opts.log.info('sandbox.started', { port });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
