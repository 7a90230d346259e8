import { browser } from 'wxt/browser';
import type { BackgroundPush, JobView } from '../messaging/runtime-messages.ts';
import type { JobFrame } from './agent-client.ts';
import { updateJob, type StoredJob } from './job-store.ts';

export const jobView = (job: StoredJob): JobView => ({
  jobId: job.jobId,
  state: job.state,
  ...(job.emdrId ? { emdrId: job.emdrId } : {}),
  ...(job.errors ? { errors: job.errors } : {}),
});

/** Records an agent `job` frame and passes it on to the job's MIS tab and the confirm page. */
export async function relayJobFrame(frame: JobFrame): Promise<void> {
  const job = await updateJob(frame.jobId, {
    state: frame.state,
    ...(frame.emdrId ? { emdrId: frame.emdrId } : {}),
    ...(frame.errors ? { errors: frame.errors } : {}),
  });
  if (job) await pushToJob(job, { type: 'job-update', job: jobView(job) });
}

/** Tells the job's tab and any open extension page; either may be gone, which is fine. */
export async function pushToJob(job: StoredJob, push: BackgroundPush): Promise<void> {
  await Promise.all([
    browser.tabs.sendMessage(job.tabId, push).catch(() => undefined),
    browser.runtime.sendMessage(push).catch(() => undefined),
  ]);
}
