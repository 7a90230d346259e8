import { useEffect, useState } from 'preact/hooks';
import type { QueueReply } from '../messaging/runtime-messages.ts';
import { askBackground } from './ask-background.ts';
import { JOB_STATE_TEXT } from './job-state-text.ts';
import { russianDate } from './russian-date.ts';

type Documents = Extract<QueueReply, { ok: true }>['documents'];

/** How often the open popup asks the agent again (its gate allows a frame a second). */
export const QUEUE_REFRESH_MS = 5_000;

/** This install's documents in the agent's outbox, refreshed while the popup is open. */
export function OutboxQueue() {
  const [documents, setDocuments] = useState<Documents>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const refresh = () =>
      void askBackground<QueueReply>({ type: 'queue' }).then((reply) => {
        if (reply.ok) {
          setDocuments(reply.documents);
          setError(undefined);
        } else setError(reply.message);
      });
    refresh();
    const timer = setInterval(refresh, QUEUE_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <section class="popup-section" data-egisz-queue={documents ? 'loaded' : 'loading'}>
      <h2>Очередь отправки в РЭМД</h2>
      {error ? <p class="muted">{error}</p> : null}
      {documents?.length === 0 ? <p class="muted">Подписанных документов в очереди нет</p> : null}
      <ul class="jobs">
        {documents?.map((doc) => (
          <li key={doc.localUid} class={`job job--${doc.state}`} data-egisz-queue-state={doc.state}>
            <span>
              {doc.title ?? `Документ вида ${doc.kind}`}
              <span class="muted"> · {russianDate(doc.createdAt)}</span>
            </span>
            <span class="job__state">
              {JOB_STATE_TEXT[doc.state]}
              {doc.emdrId ? <span data-egisz-remd-id={doc.emdrId}> · {doc.emdrId}</span> : null}
            </span>
            {doc.errors?.map((e) => (
              <p key={e.code} class="issue issue--error">
                {e.code}: {e.message}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
