import type { JobState } from '../../shared/protocol/messages.ts';
import type { BackgroundPush, ContentToBackground, JobView, WatchJobReply } from '../messaging/runtime-messages.ts';

/** Below the service worker's 30 s idle limit, so a stopped worker is woken while a job runs. */
export const WATCH_INTERVAL_MS = 20_000;
export const FINAL_STATES: ReadonlySet<JobState> = new Set(['registered', 'rejected', 'failed']);

/**
 * Asks the background about the panel's job every 20 s while it is under way:
 * the ask wakes a stopped worker (which reconnects and resyncs), and the answer
 * makes up for a push the panel missed.
 */
export class JobWatch {
  private timer: ReturnType<typeof setInterval> | undefined;
  private job: JobView | undefined;
  private readonly send: (message: ContentToBackground) => Promise<unknown>;
  private readonly onPush: (push: BackgroundPush) => void;

  constructor(send: (message: ContentToBackground) => Promise<unknown>, onPush: (push: BackgroundPush) => void) {
    this.send = send;
    this.onPush = onPush;
  }

  /** Runs exactly while `job` is under way. */
  follow(job: JobView | undefined): void {
    this.job = job;
    const running = job !== undefined && !FINAL_STATES.has(job.state);
    if (running && !this.timer) this.timer = setInterval(() => void this.check(), WATCH_INTERVAL_MS);
    if (!running) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async check(): Promise<void> {
    const asked = this.job;
    if (!asked) return;
    const reply = (await this.send({ type: 'watch-job', jobId: asked.jobId }).catch(() => undefined)) as WatchJobReply | undefined;
    if (this.job?.jobId !== asked.jobId || !reply) return;
    if (reply.ok && reply.job.state !== this.job.state) this.onPush({ type: 'job-update', job: reply.job });
    if (!reply.ok && reply.code === 'AGENT_JOB_NOT_FOUND') this.onPush({ type: 'job-cancelled', jobId: asked.jobId });
  }
}
