/**
 * What the toolbar popup asks the agent for: the token's certificates with
 * their expiry warnings, and this install's documents in the outbox.
 */
import type { CertificatesReply, QueueReply } from '../messaging/runtime-messages.ts';
import type { AgentClient } from './agent-client.ts';
import { AgentError } from './agent-error.ts';
import { loadJobs } from './job-store.ts';

/** Reading a token's certificates starts its module process: give it time. */
const CERTIFICATES_TIMEOUT_MS = 20_000;
const QUEUE_TIMEOUT_MS = 10_000;
/** Documents the popup lists. */
const QUEUE_LIMIT = 30;

export async function certificates(client: AgentClient): Promise<CertificatesReply> {
  const frame = await client.request({ type: 'certificates' }, { timeoutMs: CERTIFICATES_TIMEOUT_MS });
  if (frame.type !== 'certificates') throw new AgentError('AGENT_BAD_FRAME', 'Агент ответил не по протоколу.');
  return { ok: true, certificates: frame.certificates };
}

/** The agent's queue, titled from the jobs this session prepared where it knows them. */
export async function queue(client: AgentClient): Promise<QueueReply> {
  const [frame, jobs] = await Promise.all([client.request({ type: 'queue', limit: QUEUE_LIMIT }, { timeoutMs: QUEUE_TIMEOUT_MS }), loadJobs()]);
  if (frame.type !== 'queue') throw new AgentError('AGENT_BAD_FRAME', 'Агент ответил не по протоколу.');
  const titles = new Map(jobs.map((job) => [job.jobId, job.title]));
  return { ok: true, documents: frame.documents.map((doc) => ({ ...doc, ...(titles.has(doc.jobId) ? { title: titles.get(doc.jobId) } : {}) })) };
}
