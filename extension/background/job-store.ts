import { browser } from 'wxt/browser';
import type { CertificateSummary, DocumentPreview, JobState } from '../../shared/protocol/messages.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import type { JobView } from '../messaging/runtime-messages.ts';

/**
 * Jobs the extension follows, in storage.session: they survive a service
 * worker restart but not the browser session, and never touch the disk.
 */
export interface StoredJob extends JobView {
  /** The MIS tab that asked; its panel gets every update. */
  tabId: number;
  /** Origin of that tab when it asked, from the browser. */
  origin: string;
  title: string;
  preview: DocumentPreview;
  certificate: CertificateSummary;
  issues: Issue[];
  /** Epoch ms. */
  createdAt: number;
}

type JobTable = Record<string, StoredJob>;

const FINAL_STATES: ReadonlySet<JobState> = new Set(['registered', 'rejected', 'failed']);
/** Jobs kept for the popup's history. */
const KEEP_JOBS = 20;

export const isFinal = (state: JobState): boolean => FINAL_STATES.has(state);

/** Counted in memory too, so the agent client can ask synchronously whether anything is in flight. */
let activeJobs = 0;
export const hasActiveJobs = (): boolean => activeJobs > 0;

async function readTable(): Promise<JobTable> {
  const { jobs } = (await browser.storage.session.get('jobs')) as { jobs?: JobTable };
  return jobs ?? {};
}

async function writeTable(jobs: JobTable): Promise<void> {
  activeJobs = Object.values(jobs).filter((job) => !isFinal(job.state)).length;
  await browser.storage.session.set({ jobs });
}

/** Refreshes the in-memory count after a worker restart. */
export async function loadJobs(): Promise<StoredJob[]> {
  const jobs = await readTable();
  activeJobs = Object.values(jobs).filter((job) => !isFinal(job.state)).length;
  return Object.values(jobs).sort((a, b) => b.createdAt - a.createdAt);
}

export async function getJob(jobId: string): Promise<StoredJob | undefined> {
  return (await readTable())[jobId];
}

/** Read-modify-write steps run one at a time, so interleaved job frames cannot lose an update. */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(step: () => Promise<T>): Promise<T> {
  const run = queue.then(step, step);
  queue = run.catch(() => undefined);
  return run;
}

export const saveJob = (job: StoredJob): Promise<void> =>
  serially(async () => {
    const jobs = await readTable();
    jobs[job.jobId] = job;
    const kept = Object.values(jobs)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, KEEP_JOBS);
    await writeTable(Object.fromEntries(kept.map((j) => [j.jobId, j])));
  });

/** Applies an update; undefined when the job is not ours (another install, or forgotten). */
export const updateJob = (jobId: string, change: Partial<JobView>): Promise<StoredJob | undefined> =>
  serially(async () => {
    const jobs = await readTable();
    const job = jobs[jobId];
    if (!job) return undefined;
    jobs[jobId] = { ...job, ...change, jobId };
    await writeTable(jobs);
    return jobs[jobId];
  });

export const removeJob = (jobId: string): Promise<void> =>
  serially(async () => {
    const jobs = await readTable();
    delete jobs[jobId];
    await writeTable(jobs);
  });
