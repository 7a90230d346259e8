/**
 * Assembles a running agent: one express app on loopback (127.0.0.1 and ::1)
 * serving the REMD callback and getDocumentFile endpoints, in demo mode also
 * the sandbox and the demo MIS; the WebSocket gate for the extension; the
 * document pipeline; the durable outbox and its submitter.
 */
import express from 'express';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AgentFrame, JobState } from '../shared/protocol/messages.ts';
import { AuditJournal } from './audit/audit-journal.ts';
import type { AgentConfig } from './config.ts';
import { DocumentJobs } from './jobs/document-jobs.ts';
import { pathForRemdCode } from './jobs/remd-error-paths.ts';
import { TokenSigner } from './jobs/signer-choice.ts';
import type { Logger } from './log.ts';
import type { OutboxDocument } from './outbox/outbox-store.ts';
import { OutboxSubmitter } from './outbox/outbox-submitter.ts';
import { SqliteOutboxStore } from './outbox/sqlite-outbox-store.ts';
import { mountEgiszEndpoints } from './server/egisz-endpoints.ts';
import { hostCheck } from './server/host-check.ts';
import { acquireInstanceLock } from './server/instance-lock.ts';
import { PairingRegistry } from './server/pairing.ts';
import { attachWsGate, type RequestFrame, type ClientChannel } from './server/ws-gate.ts';
import { TokenClient } from './signing/token-client.ts';

export const AGENT_VERSION = '0.1.0';

export interface RunningAgent {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  pairing: PairingRegistry;
  outbox: SqliteOutboxStore;
  close(): Promise<void>;
}

export async function startAgent(config: AgentConfig, log: Logger): Promise<RunningAgent> {
  process.umask(0o077); // everything the agent writes is the OS user's alone
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireInstanceLock(config.dataDir);
  let port = config.port;
  const url = () => `http://127.0.0.1:${port}`;
  const app = express();
  app.disable('x-powered-by');
  app.use(hostCheck(() => port));

  const pairing = new PairingRegistry(config.dataDir);
  const outbox = new SqliteOutboxStore(join(config.dataDir, 'outbox.sqlite'));
  const audit = new AuditJournal(config.dataDir);
  if (!config.token) throw new Error('no token configured');
  const token = new TokenClient(config.token);
  const egisz = mountEgiszEndpoints(app, config, { url, outbox, log, onResult: (r) => submitter.applyResult(r) });

  const servers = await listenOnLoopback(app, config.port);
  port = (servers[0]!.address() as { port: number }).port;
  const submitter = new OutboxSubmitter(outbox, egisz.remd, log, (doc) => {
    audit.append({ event: doc.state, localUid: doc.localUid, result: doc.emdrId ?? errorCodes(doc) });
    gate.broadcast(doc.clientId, jobFrame(doc));
  });
  const jobs = new DocumentJobs({
    clinic: config.clinic, signer: new TokenSigner(token), outbox, audit, submit: () => void submitter.kick(), log,
  });
  const gate = attachWsGates(servers, {
    port: () => port, allowedOrigins: config.allowedOrigins, pairing, agentVersion: AGENT_VERSION, log,
    onRequest: (frame, channel) => dispatch(frame, channel, jobs, outbox),
  });
  submitter.start();
  log.info('agent.started', { port, demo: config.demo });

  return {
    port, url: url(), pairing, outbox,
    async close() {
      submitter.stop();
      gate.close();
      egisz.close();
      await Promise.all(servers.map((s) => new Promise<void>((done) => { s.closeAllConnections(); s.close(() => done()); })));
      await token.close();
      outbox.close();
      releaseLock();
    },
  };
}

async function dispatch(frame: RequestFrame, channel: ClientChannel, jobs: DocumentJobs, outbox: SqliteOutboxStore): Promise<void> {
  switch (frame.type) {
    case 'prepare':
      return jobs.prepare(frame.id, channel.clientId, frame.record, channel.send);
    case 'sign':
      return jobs.sign(frame.id, channel.clientId, frame.jobId, frame.pin, frame.certificate, channel.send);
    case 'job-status': {
      const doc = outbox.list({ limit: 1000 }).find((d) => d.jobId === frame.jobId && d.clientId === channel.clientId);
      if (doc) return channel.send({ ...jobFrame(doc), id: frame.id });
      return channel.send({ type: 'error', id: frame.id, code: 'AGENT_JOB_NOT_FOUND', message: 'Документ не найден в агенте.' });
    }
  }
}

const stateOf: Record<OutboxDocument['state'], JobState> = {
  signed: 'sending', 'failed-retryable': 'sending', submitted: 'submitted', registered: 'registered', rejected: 'rejected',
};

export function jobFrame(doc: OutboxDocument): Extract<AgentFrame, { type: 'job' }> {
  const errors = doc.errors ? (JSON.parse(doc.errors) as { code: string; message: string }[]) : undefined;
  return {
    type: 'job', jobId: doc.jobId, state: stateOf[doc.state], localUid: doc.localUid, emdrId: doc.emdrId,
    errors: errors?.map((e) => ({ ...e, path: pathForRemdCode(e.code) })),
  };
}

function errorCodes(doc: OutboxDocument): string | undefined {
  return doc.errors ? (JSON.parse(doc.errors) as { code: string }[]).map((e) => e.code).join(',') : undefined;
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
    close: () => gates.forEach((g) => g.close()),
  };
}
