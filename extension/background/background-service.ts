/**
 * The background's message router: admits a message by its sender, runs the
 * handler and answers through sendResponse + `return true` (the form both
 * Chrome and the test fake deliver).
 */
import { browser } from 'wxt/browser';
import type { BackgroundRequest } from '../messaging/runtime-messages.ts';
import { AgentClient } from './agent-client.ts';
import { toFailure } from './agent-error.ts';
import { agentUrl, type SocketFactory } from './agent-socket.ts';
import { editCase, listCases } from './case-requests.ts';
import { diagnostics } from './diagnostics-requests.ts';
import { cancelJob, confirmSign, confirmSignBatch, jobDetails, signAndSend, watchJob } from './document-requests.ts';
import { injectOverlay, injectPageReader } from './inject-overlay.ts';
import { relayJobFrame } from './job-relay.ts';
import { hasActiveJobs, isFinal, loadJobs } from './job-store.ts';
import { admit, type Caller } from './message-gate.ts';
import { agentPort, loadPairing } from './pairing-store.ts';
import { pair, status, unpair } from './pairing-requests.ts';
import { certificates, queue } from './popup-requests.ts';
import { isProfiledSite, unprofiledSite } from './profiled-site.ts';

const JOB_STATUS_TIMEOUT_MS = 10_000;

export function startBackground(Socket: SocketFactory = globalThis.WebSocket as unknown as SocketFactory): AgentClient {
  const client: AgentClient = new AgentClient({
    endpoint: async () => agentUrl(await agentPort()),
    credentials: loadPairing,
    WebSocket: Socket,
    onJob: (frame) => void relayJobFrame(frame),
    onReady: () => void resyncJobs(client),
    hasWork: hasActiveJobs,
  });
  // A restarted worker picks its in-flight jobs up again and reconnects for their status.
  void loadJobs().then((jobs) => {
    if (jobs.some((job) => !isFinal(job.state))) client.connect().catch(() => undefined);
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
    const caller = admit(message, sender, browser.runtime.getURL('/'), browser.runtime.id);
    if (!caller) {
      sendResponse({ ok: false, code: 'EXTENSION_FORBIDDEN', message: 'Запрос отклонён.' });
      return false;
    }
    handle(client, Socket, message as BackgroundRequest, caller).then(sendResponse, (error: unknown) =>
      sendResponse(toFailure(error)),
    );
    return true;
  });
  return client;
}

async function handle(client: AgentClient, Socket: SocketFactory, message: BackgroundRequest, caller: Caller): Promise<unknown> {
  switch (message.type) {
    case 'overlay-needed':
      if (caller.kind !== 'tab') throw new Error('gate admitted a page as a tab');
      return injectOverlay(caller);
    case 'page-reader-needed':
      if (caller.kind !== 'tab') throw new Error('gate admitted a page as a tab');
      return injectPageReader(caller);
    case 'sign-and-send':
      if (caller.kind !== 'tab') throw new Error('gate admitted a page as a tab');
      if (!(await isProfiledSite(caller.addresses))) return unprofiledSite;
      return signAndSend(client, caller, message.record);
    case 'open-options':
      await browser.runtime.openOptionsPage();
      return { ok: true };
    case 'watch-job':
      if (caller.kind !== 'tab') throw new Error('gate admitted a page as a tab');
      return watchJob(client, caller, message.jobId);
    case 'job-details':
      return jobDetails(message.jobId);
    case 'confirm-sign':
      return confirmSign(client, message.jobId, message.pin);
    case 'confirm-sign-batch':
      return confirmSignBatch(client, message.jobIds, message.pin);
    case 'certificates':
      return certificates(client);
    case 'queue':
      return queue(client);
    case 'cases':
      return listCases(client, message.snils);
    case 'case-edit':
      return editCase(client, message.snils, message.edit);
    case 'cancel-job':
      return cancelJob(message.jobId);
    case 'pair':
      return pair(client, Socket, message.port, message.code);
    case 'unpair':
      return unpair(client);
    case 'status':
      return status(client, message.probe ?? false);
    case 'diagnostics':
      return diagnostics(client, Socket, message.site);
  }
}

/** After a reconnect, asks for the state of every job still in flight (the agent answers with `job` frames). */
async function resyncJobs(client: AgentClient): Promise<void> {
  for (const job of await loadJobs()) {
    if (isFinal(job.state) || job.state === 'prepared') continue;
    client.request({ type: 'job-status', jobId: job.jobId }, { timeoutMs: JOB_STATUS_TIMEOUT_MS }).catch(() => undefined);
  }
}
