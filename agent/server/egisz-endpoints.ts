/**
 * Mounts what EGISZ talks to on the agent's HTTP server: the REMD callback
 * (/remd/callback) and getDocumentFile (/remd/document-file); in demo or
 * sandbox mode also the EGISZ sandbox (/sandbox/) and the demo MIS (/demo/).
 * Returns the REMD client the outbox submits through.
 */
import express from 'express';
import { fileURLToPath } from 'node:url';
import type { AgentConfig } from '../config.ts';
import { createCallbackEndpoint } from '../egisz/remd/callback-endpoint.ts';
import { createDocumentFileService } from '../egisz/remd/document-file-service.ts';
import { RemdClient } from '../egisz/remd/remd-client.ts';
import { newMessageId } from '../egisz/remd/soap-envelope.ts';
import type { Logger } from '../log.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import type { RemdResult, RemdSubmitPort } from '../outbox/outbox-submitter.ts';
import { createSandbox } from '../sandbox/sandbox.ts';
import { loadFederalDataset } from '../sandbox/federal-dataset.ts';

const demoMisDir = fileURLToPath(new URL('../demo/mis/', import.meta.url));

export interface EgiszEndpointDeps {
  /** The agent's own base URL, known once it listens. */
  url: () => string;
  outbox: OutboxStore;
  log: Logger;
  onResult: (result: RemdResult) => void;
}

export function mountEgiszEndpoints(app: express.Express, config: AgentConfig, deps: EgiszEndpointDeps) {
  app.use('/remd/callback', createCallbackEndpoint(async (result) => {
    deps.onResult({
      relatesToMessage: result.relatesToMessage, localUid: result.localUid, status: result.status,
      emdrId: result.registryItem?.emdrId, errors: result.errors,
    });
  }));
  app.use('/remd/document-file', createDocumentFileService(async (localUid) => deps.outbox.get(localUid)?.semd));

  let closeSandbox = () => {};
  if (config.sandbox) {
    const sandbox = createSandbox({
      dataset: loadFederalDataset(),
      documentFileUrlFor: () => `${deps.url()}/remd/document-file`,
      log: deps.log.child({ component: 'sandbox' }),
    });
    app.use('/sandbox', sandbox.router);
    closeSandbox = () => sandbox.close();
  }
  if (config.demo) app.use('/demo', express.static(demoMisDir));

  const client = () => new RemdClient({
    endpoint: config.remdEndpoint ?? `${deps.url()}/sandbox/remd`,
    clientEntityId: config.clientEntityId,
    replyTo: `${deps.url()}/remd/callback`,
  });
  const remd: RemdSubmitPort = {
    newMessageId,
    registerDocument: (request, messageId) => client().registerDocument(request as never, messageId),
  };
  return { remd, close: () => closeSandbox() };
}
