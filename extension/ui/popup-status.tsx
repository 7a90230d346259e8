import { useEffect, useState } from 'preact/hooks';
import type { JobState } from '../../shared/protocol/messages.ts';
import type { AgentLink, StatusReply } from '../messaging/runtime-messages.ts';
import { askBackground } from './ask-background.ts';
import { SiteSwitch } from './site-switch.tsx';

const LINK_TEXT: Record<AgentLink, string> = {
  connected: 'Сопряжено, агент на связи',
  unreachable: 'Агент недоступен',
  unpaired: 'Не сопряжено с агентом',
  unknown: 'Сопряжено',
};

const JOB_TEXT: Record<JobState, string> = {
  prepared: 'ожидает PIN-код',
  signing: 'подписывается',
  sending: 'отправляется',
  submitted: 'ожидает ответа РЭМД',
  registered: 'зарегистрирован',
  rejected: 'отклонён',
  failed: 'ошибка отправки',
};

/** The toolbar popup: is the agent there, and what happened to the last documents. */
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
      <h2>Последние документы</h2>
      {status.jobs.length === 0 ? <p class="muted">Документов в этом сеансе ещё не было</p> : null}
      <ul class="jobs">
        {status.jobs.map((job) => (
          <li key={job.jobId} class={`job job--${job.state}`}>
            <span>{job.title}</span>
            <span class="job__state">
              {JOB_TEXT[job.state]}
              {job.emdrId ? ` · ${job.emdrId}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}
