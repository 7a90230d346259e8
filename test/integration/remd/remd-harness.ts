/**
 * One express app on 127.0.0.1:0 holding both sides of REMD: the sandbox at
 * /sandbox, and the MIS side (callback endpoint, getDocumentFile service) the
 * agent mounts. Results that arrive by callback are awaited by MessageID.
 */
import express from 'express';
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoClientEntityId } from '../../../agent/demo/demo-clinic.ts';
import { createCallbackEndpoint } from '../../../agent/egisz/remd/callback-endpoint.ts';
import { createDocumentFileService } from '../../../agent/egisz/remd/document-file-service.ts';
import type { RegisterDocumentResult } from '../../../agent/egisz/remd/register-document-result.ts';
import { RemdClient } from '../../../agent/egisz/remd/remd-client.ts';
import type { RemdClientOptions } from '../../../agent/egisz/remd/remd-client.ts';
import { loadFederalDataset } from '../../../agent/sandbox/federal-dataset.ts';
import type { FederalDataset } from '../../../agent/sandbox/federal-dataset.ts';
import { createSandbox } from '../../../agent/sandbox/sandbox.ts';
import type { SandboxOptions } from '../../../agent/sandbox/sandbox.ts';

export interface RemdHarness {
  url: string;
  sandbox: ReturnType<typeof createSandbox>;
  /** The MIS's file store the getDocumentFile service answers from. */
  files: Map<string, Uint8Array>;
  client(clientEntityId?: string, extra?: Partial<RemdClientOptions>): RemdClient;
  result(messageId: string, timeoutMs?: number): Promise<RegisterDocumentResult>;
  results: RegisterDocumentResult[];
  close(): Promise<void>;
}

export async function startRemdHarness(opts: { dataset?: FederalDataset } & Partial<SandboxOptions> = {}): Promise<RemdHarness> {
  const files = new Map<string, Uint8Array>();
  const results: RegisterDocumentResult[] = [];
  const waiters = new Map<string, (r: RegisterDocumentResult) => void>();
  let url = '';
  const sandbox = createSandbox({
    callbackBackoffMs: 20,
    documentFileUrlFor: () => `${url}/remd/document-file`,
    ...opts,
    dataset: opts.dataset ?? loadFederalDataset(),
  });
  const app = express();
  app.use('/sandbox', sandbox.router);
  app.use('/remd/callback', createCallbackEndpoint(async (r) => {
    results.push(r);
    waiters.get(r.relatesToMessage)?.(r);
  }, { certificates: [new X509Certificate(sandbox.certificatePem)] }));
  app.use('/remd/document-file', createDocumentFileService(async (localUid) => files.get(localUid)));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    sandbox,
    files,
    results,
    client: (clientEntityId = demoClientEntityId, extra = {}) =>
      new RemdClient({ endpoint: `${url}/sandbox/remd`, clientEntityId, replyTo: `${url}/remd/callback`, timeoutMs: 10_000, ...extra }),
    result: (messageId, timeoutMs = 20_000) => {
      const done = results.find((r) => r.relatesToMessage === messageId);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no registerDocumentResult for ${messageId}`)), timeoutMs);
        waiters.set(messageId, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
      });
    },
    close: async () => {
      sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
