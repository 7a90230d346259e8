import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { StatusReply } from '../messaging/runtime-messages.ts';

type Job = StatusReply['jobs'][number];

/** Prepared documents waiting for the PIN: pick several and sign them with one PIN entry. */
export function BatchSelection({ jobs }: { jobs: Job[] }) {
  const prepared = jobs.filter((job) => job.state === 'prepared');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(prepared.map((job) => job.jobId)));
  if (prepared.length < 2) return null;
  const picked = prepared.filter((job) => chosen.has(job.jobId));

  const toggle = (jobId: string) =>
    setChosen((was) => {
      const next = new Set(was);
      if (!next.delete(jobId)) next.add(jobId);
      return next;
    });
  const open = () => {
    const url = `${browser.runtime.getURL('/confirm.html')}?jobs=${picked.map((job) => encodeURIComponent(job.jobId)).join(',')}`;
    void browser.tabs.create({ url });
  };

  return (
    <section class="popup-section" data-egisz-batch>
      <h2>Ожидают подписи</h2>
      <ul class="jobs">
        {prepared.map((job) => (
          <li key={job.jobId} class="job">
            <label class="check">
              <input type="checkbox" checked={chosen.has(job.jobId)} onChange={() => toggle(job.jobId)} data-egisz-batch-job={job.jobId} />
              {job.title}
            </label>
          </li>
        ))}
      </ul>
      <button type="button" class="primary" disabled={picked.length === 0} onClick={open} data-egisz-action="sign-batch">
        Подписать выбранные ({picked.length}) одним PIN-кодом
      </button>
    </section>
  );
}
