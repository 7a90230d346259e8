/**
 * Assembles a running agent by role (config.roles):
 *   workstation — the WebSocket gate for the extension, the token, the
 *                 document pipeline; signed documents go to the gateway;
 *   gateway     — the durable outbox and its submitter, the REMD callback and
 *                 getDocumentFile, and the API workstations submit through.
 * Both roles in one process is the default (the gateway is then this agent's
 * own outbox). One express app on loopback (127.0.0.1 and ::1); a gateway may
 * also listen on the clinic network for EGISZ and workstations.
 */
import express, { Router } from 'express';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { DiagnosticCheck } from '../shared/diagnostics/diagnostic-report.ts';
import { agentErrors } from '../shared/protocol/error-catalogue.ts';
import { PROTOCOL_VERSION, type AgentFrame, type JobState, type QueuedDocument } from '../shared/protocol/messages.ts';
import { AuditJournal } from './audit/audit-journal.ts';
import type { AgentConfig } from './config.ts';
import { publishAdminAccess, requireAdminToken } from './gateway/admin-access.ts';
import { createAdminApi } from './gateway/admin-api.ts';
import { createGatewayApi } from './gateway/gateway-api.ts';
import { gatewayClient } from './gateway/gateway-client.ts';
import { startPublicListener } from './gateway/public-listener.ts';
import { startOrganizationKey } from './gateway/organization-key-setup.ts';
import { withOrganizationSignature } from './gateway/organization-signature.ts';
import { watchForwardedJobs, type ForwardedJobs } from './gateway/forwarded-jobs.ts';
import type { DocumentSink } from './jobs/document-pipeline.ts';
import { DocumentJobs } from './jobs/document-jobs.ts';
import { pathForRemdCode } from './jobs/remd-error-paths.ts';
import { signingTrust } from './signing/signing-trust.ts';
import { TokenSigner } from './jobs/signer-choice.ts';
import type { Logger } from './log.ts';
import { localOutboxSink } from './outbox/local-outbox-sink.ts';
import type { OutboxDocument, OutboxState } from './outbox/outbox-store.ts';
import { GroupCommitStore } from './outbox/group-commit-store.ts';
import { startOutboxWriter } from './outbox/outbox-writer-thread.ts';
import { OutboxSubmitter } from './outbox/outbox-submitter.ts';
import { SqliteOutboxStore, type BodyProtection } from './outbox/sqlite-outbox-store.ts';
import { ensureOutboxKey } from './outbox/body-cipher.ts';
import { startRetention } from './outbox/outbox-retention.ts';
import { startSemdCheckThread } from './jobs/semd-check-thread.ts';
import { startPreflight, type RunningPreflight } from './preflight/preflight-setup.ts';
import { mountEgiszEndpoints } from './server/egisz-endpoints.ts';
import { hostCheck } from './server/host-check.ts';
import { PairingRegistry } from './server/pairing.ts';
import { createPairingApi } from './server/pairing-api.ts';
import { agentDiagnostics } from './diagnostics/agent-diagnostics.ts';
import { attachWsGate, type RequestFrame, type ClientChannel } from './server/ws-gate.ts';
import { TokenClient } from './signing/token-client.ts';
import { supportedKinds } from './semd/semd-builders.ts';
import { preloadSemdChecks } from './semd/semd-check.ts';

export const AGENT_VERSION = '0.1.0';

export interface RunningAgent {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  pairing: PairingRegistry;
  /** The gateway's outbox (undefined on a workstation-only agent). */
  outbox: SqliteOutboxStore;
  close(): Promise<void>;
}

export interface AgentHooks {
  /** Every outbox state change, after it is durable (tests, benchmarks). */
  onOutboxChange?: (doc: OutboxDocument) => void;
}

export async function startAgent(config: AgentConfig, log: Logger, hooks: AgentHooks = {}): Promise<RunningAgent> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { roles } = config;
  let port = config.port;
  const url = () => `http://127.0.0.1:${port}`;
  const publicUrl = () => config.publicUrl ?? url();
  const app = express();
  app.disable('x-powered-by');
  app.use(hostCheck(() => port));
  const publicRoutes = Router();
  app.use(publicRoutes);

  const pairing = new PairingRegistry(config.dataDir);
  const audit = new AuditJournal(config.dataDir);
  const outboxFile = join(config.dataDir, 'outbox.sqlite');
  // Before anything that keeps the process alive: a key that does not open ends the start.
  const orgKey = roles.gateway ? await startOrganizationKey(config, log) : undefined;
  const bodies = roles.gateway ? bodyProtection(config) : {};
  const sqlite = roles.gateway ? new SqliteOutboxStore(outboxFile, bodies) : undefined; // reads; writes go through the writer thread
  const outbox = sqlite && new GroupCommitStore(sqlite, startOutboxWriter(outboxFile, bodies));
  const retention = outbox && config.outbox.retentionDays !== undefined ? startRetention(outbox, config.outbox.retentionDays, log) : undefined;
  if (roles.workstation && !config.token) throw new Error('no token configured');
  const token = roles.workstation && config.token ? new TokenClient(config.token) : undefined;
  let submitter: OutboxSubmitter | undefined;
  const egisz = mountEgiszEndpoints(app, config, {
    url, publicUrl, log, wsSecurity: orgKey?.wsSecurity,
    gateway: outbox && { outbox, routes: publicRoutes, onResult: (r) => submitter!.applyResult(r) },
  });

  const servers = await listenOnLoopback(app, config.port);
  port = (servers[0]!.address() as { port: number }).port;
  const publicServer = outbox && config.listen ? await startPublicListener(config.listen, publicRoutes, log) : undefined;
  let gate: ReturnType<typeof attachWsGates> | undefined;
  let forwarded: ForwardedJobs | undefined;
  const broadcast = (clientId: string, frame: AgentFrame) => gate?.broadcast(clientId, frame);

  // Parts started later (pre-flight's IEMK sync) listen here, to the outbox or the gateway's verdicts; a callback may come in before they exist.
  const outboxListeners: ((doc: { localUid: string; state: string }) => void)[] = [];
  let sink: DocumentSink;
  if (outbox) {
    submitter = new OutboxSubmitter(outbox, egisz.remd, log, (doc) => {
      audit.append({ event: doc.state, localUid: doc.localUid, result: doc.emdrId ?? errorCodes(doc.errors) });
      broadcast(doc.clientId, jobFrame(doc));
      outboxListeners.forEach((listener) => listener(doc));
      hooks.onOutboxChange?.(doc);
    }, config.outbox);
    sink = localOutboxSink(outbox, () => void submitter!.kick());
    if (orgKey) sink = withOrganizationSignature(sink, orgKey);
  } else {
    forwarded = watchForwardedJobs(gatewayClient(config.gateway!), (clientId, job) => {
      broadcast(clientId, jobFrame(job));
      outboxListeners.forEach((listener) => listener(job));
    }, log);
    sink = forwarded.sink;
  }
  if (outbox && config.workstations.length) {
    const gatewayApi = createGatewayApi({
      workstations: config.workstations, sink, log, ownerOf: async (localUid) => (await outbox.get(localUid))?.clientId,
    });
    publicRoutes.use('/gateway/v1', gatewayApi);
  }

  const signer = token && new TokenSigner(token, signingTrust({
    dataDir: config.dataDir, demo: config.demo, cacheName: 'crl-cache', ...(config.trustedCa ? { trustedCa: config.trustedCa } : {}),
    // A demo workstation's sandbox, and the demo CA's CRL with it, is at its gateway.
    ...(config.sandbox ? { sandboxAgentUrl: url } : config.gateway ? { sandboxAgentUrl: () => config.gateway!.url.replace(/\/$/, '') } : {}),
  }));
  // The checks before the PIN run on a thread of their own, off the event loop; it loads the
  // schemas at once, so that the doctor's first document is not the slow one.
  const semdChecks = signer && startSemdCheckThread(supportedKinds());
  if (!semdChecks) preloadSemdChecks(supportedKinds()).catch((err: Error) => log.error('semd.preload-failed', { message: err.message }));
  const checks = signer && startPreflight({
    dataDir: config.dataDir, clientEntityId: config.clientEntityId, registries: config.registries,
    sandboxUrl: config.sandbox ? `${url()}/sandbox` : undefined, sink, log, iemkSync: config.iemkSync,
  });
  if (checks) outboxListeners.push((doc) => checks.onOutboxChange(doc));
  const diagnostics = () => agentDiagnostics({
    config, url: url(), outbox,
    tokens: token && signer && (async () => ({ tokens: (await token.listTokens()).length, certificates: await signer.certificates(new Date()) })),
  });
  if (signer) {
    const jobs = new DocumentJobs({ clinic: config.clinic, signer, sink, audit, log, preflight: checks?.preflight, checkSemd: semdChecks?.check });
    gate = attachWsGates(servers, {
      port: () => port, allowedOrigins: config.allowedOrigins, pairing, agentVersion: AGENT_VERSION, log,
      onRequest: (frame, channel) => dispatch(frame, channel, jobs, { outbox: sqlite, forwarded, cases: checks, diagnostics }),
    });
  }
  const admin = publishAdminAccess(config.dataDir, url());
  app.use('/admin/v1', createAdminApi({
    token: admin.token,
    outbox: outbox && submitter && {
      store: outbox, isBusy: (id) => submitter.isBusy(id), kick: () => void submitter.kick(), retentionDays: config.outbox.retentionDays,
    },
    submit: signer && {
      pipeline: { clinic: config.clinic, signer, log, preflight: checks?.preflight, checkSemd: semdChecks?.check }, sink,
      onQueued: (doc) => audit.append({ event: 'signed', localUid: doc.localUid, kind: doc.kind, patientSnils: doc.record.patient.snils, certificate: doc.certificate.fingerprint }),
    },
  }));
  app.get('/admin/v1/diagnostics', requireAdminToken(admin.token), (_req, res) => void diagnostics().then((checks) => res.json({ agentVersion: AGENT_VERSION, protocol: PROTOCOL_VERSION, port, checks })));
  if (checks) app.use('/admin/v1/cases', requireAdminToken(admin.token), checks.casesApi);
  app.use('/admin/v1/pairing', requireAdminToken(admin.token), createPairingApi(pairing, (id) => gate?.disconnect(id)));
  submitter?.start();
  log.info('agent.started', { port, demo: config.demo, roles: Object.keys(roles).filter((r) => roles[r as keyof typeof roles]) });

  return {
    port, url: url(), pairing, outbox: sqlite as SqliteOutboxStore,
    async close() {
      retention?.stop();
      await submitter?.stop();
      forwarded?.stop();
      gate?.close();
      await checks?.close();
      await semdChecks?.close();
      egisz.close();
      const all = publicServer ? [...servers, publicServer] : servers;
      await Promise.all(all.map((s) => new Promise<void>((done) => { s.closeAllConnections(); s.close(() => done()); })));
      await token?.close();
      await orgKey?.close();
      await outbox?.close();
    },
  };
}

async function dispatch(
  frame: RequestFrame, channel: ClientChannel, jobs: DocumentJobs,
  where: { outbox?: SqliteOutboxStore; forwarded?: ForwardedJobs; cases?: RunningPreflight; diagnostics: () => Promise<DiagnosticCheck[]> },
): Promise<void> {
  switch (frame.type) {
    case 'prepare':
      return jobs.prepare(frame.id, channel.clientId, frame.record, channel.send);
    case 'sign':
      return jobs.sign(frame.id, channel.clientId, frame.jobId, frame.pin, frame.certificate, channel.send);
    case 'sign-batch':
      return jobs.signBatch(frame.id, channel.clientId, frame.jobIds, frame.pin, frame.certificate, channel.send);
    case 'certificates':
      return jobs.certificates(frame.id, channel.send);
    case 'queue': {
      // A workstation-only agent knows the documents it forwarded since it started; the gateway keeps them all.
      const limit = frame.limit ?? 50;
      const rows = where.outbox?.list({ clientId: channel.clientId, limit }) ?? where.forwarded?.list(channel.clientId, limit) ?? [];
      return channel.send({ type: 'queue', id: frame.id, documents: rows.map(queuedDocument) });
    }
    case 'cases':
    case 'case-edit':
      if (where.cases) return where.cases.answerCasesFrame(frame, channel.send);
      return channel.send({ type: 'error', id: frame.id, code: 'CASES_NOT_AVAILABLE', message: agentErrors.CASES_NOT_AVAILABLE.message });
    case 'diagnostics':
      return channel.send({ type: 'diagnostics', id: frame.id, agentVersion: AGENT_VERSION, protocol: PROTOCOL_VERSION, checks: await where.diagnostics() });
    case 'job-status': {
      const job = where.outbox
        ? where.outbox.list({ jobId: frame.jobId, clientId: channel.clientId, limit: 1 })[0]
        : await where.forwarded?.find(channel.clientId, frame.jobId);
      if (job) return channel.send({ ...jobFrame(job), id: frame.id });
      return channel.send({ type: 'error', id: frame.id, code: 'AGENT_JOB_NOT_FOUND', message: 'Документ не найден в агенте.' });
    }
  }
}

const stateOf: Record<OutboxState, JobState> = {
  signed: 'sending', 'failed-retryable': 'sending', submitted: 'submitted', registered: 'registered', rejected: 'rejected', cancelled: 'failed',
};

/** What the panel needs to know about a queued document. */
export type JobView = Pick<OutboxDocument, 'jobId' | 'state' | 'localUid' | 'emdrId' | 'errors'>;

export function jobFrame(doc: JobView): Extract<AgentFrame, { type: 'job' }> {
  const errors = doc.errors ? (JSON.parse(doc.errors) as { code: string; message: string; path?: string }[]) : undefined;
  return {
    type: 'job', jobId: doc.jobId, state: stateOf[doc.state], localUid: doc.localUid, emdrId: doc.emdrId,
    // The outbox stored each error's field (a Schematron finding's too); older rows have none.
    errors: errors?.map((e) => ({ ...e, path: e.path ?? pathForRemdCode(e.code) })),
  };
}

function queuedDocument(doc: JobView & Pick<OutboxDocument, 'kind' | 'createdAt' | 'updatedAt'>): QueuedDocument {
  const { type: _, ...view } = jobFrame(doc);
  return { ...view, localUid: doc.localUid, kind: doc.kind, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}

function errorCodes(errors: string | undefined): string | undefined {
  return errors ? (JSON.parse(errors) as { code: string }[]).map((e) => e.code).join(',') : undefined;
}

/** Sealing new bodies when configured; opening sealed ones whenever the key exists (encryption switched off later). */
function bodyProtection(config: AgentConfig): BodyProtection {
  const keyFile = join(config.dataDir, 'outbox.key');
  if (config.outbox.encryptBodies) return { keyFile: ensureOutboxKey(config.dataDir), seal: true };
  return existsSync(keyFile) ? { keyFile } : {};
}

/** Listens on 127.0.0.1 and, where the machine has IPv6 loopback, on ::1 at the same port. */
async function listenOnLoopback(app: express.Express, wanted: number): Promise<Server[]> {
  const v4 = await listen(createServer(app), '127.0.0.1', wanted);
  const port = (v4.address() as { port: number }).port;
  try {
    return [v4, await listen(createServer(app), '::1', port)];
  } catch {
    return [v4];
  }
}

function listen(server: Server, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function attachWsGates(servers: Server[], opts: Omit<Parameters<typeof attachWsGate>[0], 'server'>) {
  const gates = servers.map((server) => attachWsGate({ ...opts, server }));
  return {
    broadcast: (clientId: string, frame: AgentFrame) => gates.forEach((g) => g.broadcast(clientId, frame)),
    disconnect: (clientId: string) => gates.forEach((g) => g.disconnect(clientId)),
    close: () => gates.forEach((g) => g.close()),
  };
}
