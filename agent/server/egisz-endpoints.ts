/**
 * Mounts what EGISZ talks to: the REMD callback (/remd/callback) and
 * getDocumentFile (/remd/document-file) on `publicRoutes` when this agent is
 * a gateway; in demo or sandbox mode also the EGISZ sandbox (/sandbox/) and
 * the demo MIS (/demo/) on the loopback app. Returns the REMD port the
 * outbox submits through.
 */
import express, { type Router } from 'express';
import { X509Certificate } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AgentConfig } from '../config.ts';
import { readTrustedCertificates } from '../egisz/remd/callback-authentication.ts';
import { createCallbackEndpoint } from '../egisz/remd/callback-endpoint.ts';
import { createDocumentFileService } from '../egisz/remd/document-file-service.ts';
import { RemdClient } from '../egisz/remd/remd-client.ts';
import { newMessageId } from '../egisz/remd/soap-envelope.ts';
import { signEnvelope, type WsSecuritySigner } from '../egisz/remd/ws-security.ts';
import type { Logger } from '../log.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import type { RemdPort, RemdResult } from '../outbox/remd-port.ts';
import { createSandbox } from '../sandbox/sandbox.ts';
import { findSystem, loadFederalDataset } from '../sandbox/federal-dataset.ts';
import { loadOrCreateRemdIdentity } from '../sandbox/remd-identity.ts';
import { demoCaService } from '../sandbox/demo-ca-service.ts';
import { demoCaDir, signingTrust } from '../signing/signing-trust.ts';

/** The demo sandbox checks chains against the demo CA (and `trustedCa`), with a CRL cache of its own. */
function sandboxTrust(config: AgentConfig, url: () => string) {
  const trust = signingTrust({ dataDir: config.dataDir, demo: config.demo, cacheName: 'sandbox/crl-cache', ...(config.trustedCa ? { trustedCa: config.trustedCa } : {}), sandboxAgentUrl: url });
  return trust ? { trust } : {};
}

const demoMisDir = fileURLToPath(new URL('../demo/mis/', import.meta.url));

export interface EgiszEndpointDeps {
  /** The agent's own loopback base URL, known once it listens. */
  url: () => string;
  /** Where EGISZ reaches the callback and getDocumentFile; default `url`. */
  publicUrl: () => string;
  /** The gateway's outbox and the result handler; absent on a workstation-only agent. */
  gateway?: { outbox: OutboxStore; onResult: (result: RemdResult) => Promise<void>; routes: Router };
  /** The information system's key: every REMD request is signed with it (WS-Security). */
  wsSecurity?: WsSecuritySigner;
  log: Logger;
}

export function mountEgiszEndpoints(app: express.Express, config: AgentConfig, deps: EgiszEndpointDeps) {
  const { gateway } = deps;
  // The embedded sandbox signs its callbacks with this identity; a demo agent using it trusts it.
  const sandboxIdentity = config.sandbox ? loadOrCreateRemdIdentity() : undefined;
  if (gateway) {
    const trusted = [
      ...(config.remdCertificate ? readTrustedCertificates(config.remdCertificate) : []),
      ...(sandboxIdentity && !config.remdEndpoint ? [new X509Certificate(sandboxIdentity.certificatePem)] : []),
    ];
    if (!trusted.length) deps.log.warn('remd.callback-untrusted', { hint: 'remdCertificate is not set: REMD callbacks are refused, results come through reconciliation' });
    gateway.routes.use('/remd/callback', createCallbackEndpoint(async (result) => {
      await gateway.onResult({
        relatesToMessage: result.relatesToMessage, localUid: result.localUid, status: result.status,
        emdrId: result.registryItem?.emdrId, errors: result.errors,
      });
    }, { certificates: trusted }, deps.log));
    // A cancelled document is not handed out: a registration still in flight at REMD then fails instead of registering it.
    // Nor a purged one (retention): REMD holds its copy, and an empty file is no file.
    gateway.routes.use('/remd/document-file', createDocumentFileService(async (localUid) => {
      const doc = await gateway.outbox.get(localUid);
      return doc && doc.state !== 'cancelled' && doc.semd.length ? doc.semd : undefined;
    }));
  }

  let closeSandbox = () => {};
  if (config.sandbox) {
    const dataset = loadFederalDataset();
    // IPS knows a system's certificate by its serial number: the demo gateway's own is the registered one.
    const system = deps.wsSecurity && !config.remdEndpoint ? findSystem(dataset, config.clientEntityId) : undefined;
    if (system && deps.wsSecurity) system.certificateSerialNumber = new X509Certificate(deps.wsSecurity.certificateDer).serialNumber;
    const sandbox = createSandbox({
      dataset,
      documentFileUrlFor: () => `${deps.publicUrl()}/remd/document-file`,
      log: deps.log.child({ component: 'sandbox' }),
      // As REMD: unsigned requests, a missing organization signature and Schematron findings are refused.
      wsSecurity: 'require',
      orgSignature: 'enforce',
      schematron: 'enforce',
      remdIdentity: sandboxIdentity,
      ...sandboxTrust(config, deps.url),
    });
    if (config.demo) app.use('/sandbox/ca', demoCaService(demoCaDir(config.dataDir)));
    app.use('/sandbox', sandbox.router);
    closeSandbox = () => sandbox.close();
  }
  if (config.demo) app.use('/demo', express.static(demoMisDir));

  let client: RemdClient | undefined;
  const remdClient = () => (client ??= new RemdClient({
    endpoint: config.remdEndpoint ?? `${deps.url()}/sandbox/remd`,
    clientEntityId: config.clientEntityId,
    replyTo: `${deps.publicUrl()}/remd/callback`,
    ...(deps.wsSecurity ? { secureEnvelope: (xml: string) => signEnvelope(xml, deps.wsSecurity!) } : {}),
  }));
  const remd: RemdPort = {
    newMessageId,
    registerDocument: (request, messageId) => remdClient().registerDocument(request as never, messageId),
    searchRegistryItem: (query) => remdClient().searchRegistryItem(query),
    getRegistryItem: (emdrId) => remdClient().getRegistryItem(emdrId),
  };
  return { remd, close: () => closeSandbox() };
}
