/**
 * The document path through the background: prepare (from the MIS tab),
 * details and sign (from the confirm page), cancel.
 */
import { browser } from 'wxt/browser';
import type { DraftRecord } from '../../shared/domain/record.ts';
import type { AgentFrame } from '../../shared/protocol/messages.ts';
import { MAX_BATCH_DOCUMENTS } from '../../shared/protocol/messages.ts';
import type { ConfirmBatchReply, ConfirmSignReply, DoneReply, JobDetailsReply, SignAndSendReply, WatchJobReply } from '../messaging/runtime-messages.ts';
import type { AgentClient } from './agent-client.ts';
import { AgentError } from './agent-error.ts';
import { jobView, pushToJob } from './job-relay.ts';
import { getJob, isFinal, removeJob, saveJob } from './job-store.ts';

/** Building, XSD checking and reading the token's certificate can take a while. */
const PREPARE_TIMEOUT_MS = 60_000;
/** A PIN pad or a slow token may hold the signature up. */
const SIGN_TIMEOUT_MS = 120_000;

export const confirmPageUrl = (jobId: string): string =>
  `${browser.runtime.getURL('/confirm.html')}?job=${encodeURIComponent(jobId)}`;

/** The confirm page in batch mode: every listed job, one certificate, one PIN. */
export const batchConfirmPageUrl = (jobIds: string[]): string =>
  `${browser.runtime.getURL('/confirm.html')}?jobs=${jobIds.map(encodeURIComponent).join(',')}`;

/** «Подписать и отправить»: the origin is the tab's, from the browser; the record is the page's. */
export async function signAndSend(
  client: AgentClient,
  tab: { tabId: number; origin: string },
  record: DraftRecord,
): Promise<SignAndSendReply> {
  const frame = await client.request({ type: 'prepare', origin: tab.origin, record }, { timeoutMs: PREPARE_TIMEOUT_MS });
  if (frame.type !== 'prepared') throw new AgentError('AGENT_BAD_FRAME', 'Агент ответил не по протоколу.');
  await saveJob({
    jobId: frame.jobId,
    state: 'prepared',
    tabId: tab.tabId,
    origin: tab.origin,
    title: frame.preview.title,
    preview: frame.preview,
    certificate: frame.certificate,
    issues: frame.issues,
    createdAt: Date.now(),
  });
  await browser.tabs.create({ url: confirmPageUrl(frame.jobId) });
  return { ok: true, jobId: frame.jobId };
}

export async function jobDetails(jobId: string): Promise<JobDetailsReply> {
  const job = await getJob(jobId);
  if (!job) throw AgentError.of('AGENT_JOB_NOT_FOUND');
  return { ok: true, job: jobView(job), preview: job.preview, certificate: job.certificate, issues: job.issues };
}

/** Sends the PIN in a `sign` frame and nowhere else; answers once the agent is past signing. */
export async function confirmSign(client: AgentClient, jobId: string, pin: string): Promise<ConfirmSignReply> {
  const job = await getJob(jobId);
  if (!job) throw AgentError.of('AGENT_JOB_NOT_FOUND');
  const frame = await client.request(
    { type: 'sign', jobId, pin, certificate: job.certificate.fingerprint },
    { timeoutMs: SIGN_TIMEOUT_MS, until: pastSigning },
  );
  if (frame.type !== 'job') throw new AgentError('AGENT_BAD_FRAME', 'Агент ответил не по протоколу.');
  return { ok: true, job: { ...jobView(job), state: frame.state } };
}

/**
 * One PIN for several prepared jobs: a `sign-batch` frame, one token login in
 * the agent. Each job's state reaches its own tab through the `job` frames.
 */
export async function confirmSignBatch(client: AgentClient, jobIds: string[], pin: string): Promise<ConfirmBatchReply> {
  if (jobIds.length > MAX_BATCH_DOCUMENTS) throw AgentError.of('BATCH_TOO_LARGE');
  const jobs = await Promise.all(jobIds.map(getJob));
  if (jobs.some((job) => !job)) throw AgentError.of('AGENT_JOB_NOT_FOUND');
  const certificate = jobs[0]!.certificate.fingerprint;
  if (jobs.some((job) => job!.certificate.fingerprint !== certificate)) throw AgentError.of('BATCH_MIXED_CERTIFICATES');
  const frame = await client.request(
    { type: 'sign-batch', jobIds, pin, certificate },
    { timeoutMs: SIGN_TIMEOUT_MS + BATCH_MS_PER_DOCUMENT * jobIds.length, until: (f) => f.type === 'error' || f.type === 'batch-signed' },
  );
  if (frame.type !== 'batch-signed') throw new AgentError('AGENT_BAD_FRAME', 'Агент ответил не по протоколу.');
  return { ok: true, jobs: frame.jobs.map((job) => ({ jobId: job.jobId, state: job.state })) };
}

/** The agent's token client allows a batch about a second a document on top of one signature. */
const BATCH_MS_PER_DOCUMENT = 1_000;

const pastSigning = (frame: AgentFrame): boolean =>
  frame.type === 'error' || (frame.type === 'job' && frame.state !== 'signing');

/** The tab's periodic look at its job; reconnecting (and so resyncing) if the worker had been stopped. */
export async function watchJob(client: AgentClient, tab: { tabId: number }, jobId: string): Promise<WatchJobReply> {
  const job = await getJob(jobId);
  if (!job || job.tabId !== tab.tabId) throw AgentError.of('AGENT_JOB_NOT_FOUND');
  if (!isFinal(job.state) && !client.isReady) client.connect().catch(() => undefined);
  return { ok: true, job: jobView(job) };
}

/** «Отмена» on the confirm page: forget the job and put the panel back. */
export async function cancelJob(jobId: string): Promise<DoneReply> {
  const job = await getJob(jobId);
  if (!job) return { ok: true };
  await removeJob(jobId);
  await pushToJob(job, { type: 'job-cancelled', jobId });
  return { ok: true };
}
