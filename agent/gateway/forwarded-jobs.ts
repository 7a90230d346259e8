/**
 * A workstation's view of the documents it forwarded to a remote gateway:
 * which job became which localUid, and their states, polled from the gateway
 * until final so the extension's panel still sees «registered» or the errors.
 * Kept in memory: after a workstation restart the gateway still has every
 * document; only the live panel updates for older jobs stop.
 */
import type { JobView } from '../agent.ts';
import type { DocumentSink } from '../jobs/document-pipeline.ts';
import type { Logger } from '../log.ts';
import type { OutboxState } from '../outbox/outbox-store.ts';

/** A forwarded document as the popup's queue lists it. */
export type ForwardedView = JobView & { kind: string; createdAt: string; updatedAt: string };

export interface ForwardedJobs {
  sink: DocumentSink;
  find(clientId: string, jobId: string): Promise<JobView | undefined>;
  /** This client's forwarded documents since the agent started, newest first. */
  list(clientId: string, limit: number): ForwardedView[];
  stop(): void;
}

const finalStates: readonly OutboxState[] = ['registered', 'rejected', 'cancelled'];

export function watchForwardedJobs(
  remote: DocumentSink, notify: (clientId: string, job: JobView) => void, log: Logger, pollMs = 2_000,
): ForwardedJobs {
  const jobs = new Map<string, { clientId: string; view: ForwardedView }>();
  const refresh = async (entry: { clientId: string; view: ForwardedView }) => {
    const now = await remote.status(entry.view.localUid);
    if (!now || now.state === entry.view.state) return;
    entry.view = { ...entry.view, ...now, updatedAt: new Date().toISOString() };
    notify(entry.clientId, entry.view);
  };
  const timer = setInterval(() => {
    for (const entry of jobs.values()) {
      if (finalStates.includes(entry.view.state)) continue;
      refresh(entry).catch((err: unknown) => log.warn('gateway.status-failed', { localUid: entry.view.localUid, error: String(err) }));
    }
  }, pollMs);
  timer.unref();
  return {
    sink: {
      async accept(doc) {
        const queued = await remote.accept(doc);
        const at = new Date().toISOString();
        const view = { jobId: doc.jobId, localUid: doc.localUid, state: queued.state, kind: doc.kind, createdAt: at, updatedAt: at };
        jobs.set(`${doc.clientId}\n${doc.jobId}`, { clientId: doc.clientId, view });
        return queued;
      },
      status: (localUid) => remote.status(localUid),
    },
    async find(clientId, jobId) {
      const entry = jobs.get(`${clientId}\n${jobId}`);
      if (entry) await refresh(entry).catch(() => undefined);
      return entry?.view;
    },
    list: (clientId, limit) =>
      [...jobs.values()].filter((e) => e.clientId === clientId).map((e) => e.view).reverse().slice(0, limit),
    stop: () => clearInterval(timer),
  };
}
