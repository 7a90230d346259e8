import { useEffect, useState } from 'preact/hooks';
import type { AgentLink, StatusReply } from '../messaging/runtime-messages.ts';
import { askBackground } from './ask-background.ts';
import { BatchSelection } from './batch-selection.tsx';
import { CertificateStatus } from './certificate-status.tsx';
import { JOB_STATE_TEXT } from './job-state-text.ts';
import { OutboxQueue } from './outbox-queue.tsx';
import { SiteSwitch } from './site-switch.tsx';
import { DiagnosticsLink } from './diagnostics-link.tsx';

const LINK_TEXT: Record<AgentLink, string> = {
  connected: 'Сопряжено, агент на связи',
  unreachable: 'Агент недоступен',
  unpaired: 'Не сопряжено с агентом',
  unknown: 'Сопряжено',
};

/**
 * The toolbar popup: is the agent there, the token's certificates and their
 * expiry, documents waiting for the PIN (batch signing), the last documents
 * of this session, the agent's queue for this install and the way to the
 * treatment cases page.
 */
export function PopupStatus() {
  const [status, setStatus] = useState<StatusReply>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void askBackground<StatusReply>({ type: 'status', probe: true }).then((reply) =>
      reply.ok ? setStatus(reply) : setError(reply.message),
    );
  }, []);

  if (error) return <main class="popup"><p class="alert">{error}</p></main>;
  if (!status) return <main class="popup"><p>Проверка связи…</p></main>;
  return (
    <main class="popup">
      <p class={`link link--${status.link}`} data-egisz-link={status.link}>
        {LINK_TEXT[status.link]}
        <span class="muted"> · порт {status.port}</span>
      </p>
      {status.link === 'unpaired' ? (
        <a href="/options.html" target="_blank">Открыть настройки сопряжения</a>
      ) : null}
      <SiteSwitch />
      {status.link === 'unpaired' ? null : <CertificateStatus />}
      <BatchSelection jobs={status.jobs} />
      <h2>Последние документы</h2>
      {status.jobs.length === 0 ? <p class="muted">Документов в этом сеансе ещё не было</p> : null}
      <ul class="jobs">
        {status.jobs.map((job) => (
          <li key={job.jobId} class={`job job--${job.state}`}>
            <span>{job.title}</span>
            <span class="job__state">
              {JOB_STATE_TEXT[job.state]}
              {job.emdrId ? ` · ${job.emdrId}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {status.link === 'unpaired' ? null : <OutboxQueue />}
      {status.link === 'unpaired' ? null : (
        <p><a href="/cases.html" target="_blank" data-egisz-action="open-cases">Случаи лечения: перенести, объединить, закрыть</a></p>
      )}
      <DiagnosticsLink withActiveTab />
    </main>
  );
}
