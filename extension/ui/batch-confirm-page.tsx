import { useEffect, useState } from 'preact/hooks';
import type { JobState } from '../../shared/protocol/messages.ts';
import type { ConfirmBatchReply, JobDetailsReply } from '../messaging/runtime-messages.ts';
import { AgentRemarks } from './agent-remarks.tsx';
import { askBackground, onBackgroundPush } from './ask-background.ts';
import { CertificateCard } from './certificate-card.tsx';
import { DocumentPreview } from './document-preview.tsx';
import { JOB_STATE_TEXT } from './job-state-text.ts';
import { PinForm } from './pin-form.tsx';

type Details = Extract<JobDetailsReply, { ok: true }>;

/**
 * Batch signing: every chosen document exactly as it will be signed, the one
 * certificate that signs them all, and one PIN (the same PinForm as the
 * single confirm page).
 */
export function BatchConfirmPage({ jobIds }: { jobIds: string[] }) {
  const [documents, setDocuments] = useState<Details[]>();
  const [states, setStates] = useState<Record<string, JobState>>({});
  const [error, setError] = useState<string>();

  useEffect(() => {
    void Promise.all(jobIds.map((jobId) => askBackground<JobDetailsReply>({ type: 'job-details', jobId }))).then((replies) => {
      const failed = replies.find((reply) => !reply.ok);
      if (failed && !failed.ok) return setError(failed.message);
      const loaded = replies as Details[];
      if (new Set(loaded.map((d) => d.certificate.fingerprint)).size > 1) {
        return setError('Документы подписываются разными сертификатами. Подпишите их по отдельности.');
      }
      setDocuments(loaded);
      setStates(Object.fromEntries(loaded.map((d) => [d.job.jobId, d.job.state])));
    });
    return onBackgroundPush((push) => {
      if (push.type === 'job-update' && jobIds.includes(push.job.jobId)) setStates((was) => ({ ...was, [push.job.jobId]: push.job.state }));
    });
  }, [jobIds.join(',')]);

  async function sign(pin: string): Promise<ConfirmBatchReply> {
    const outcome = await askBackground<ConfirmBatchReply>({ type: 'confirm-sign-batch', jobIds, pin });
    if (outcome.ok) setStates((was) => ({ ...was, ...Object.fromEntries(outcome.jobs.map((job) => [job.jobId, job.state])) }));
    return outcome;
  }

  if (!documents) return <main class="page">{error ? <p class="alert" role="alert">{error}</p> : <p>Загрузка документов…</p>}</main>;
  const signed = documents.every((d) => states[d.job.jobId] !== 'prepared' && states[d.job.jobId] !== 'signing');
  return (
    <main class="page page--confirm" data-egisz-batch-size={documents.length}>
      <h1>Подпись пакета: документов — {documents.length}</h1>
      <div class="columns">
        <div class="batch-list">
          {documents.map((d) => (
            <div key={d.job.jobId} data-egisz-batch-document={d.job.jobId} data-egisz-job-state={states[d.job.jobId]}>
              <p class="muted">{JOB_STATE_TEXT[states[d.job.jobId] ?? d.job.state]}</p>
              <DocumentPreview preview={d.preview} />
              <AgentRemarks certificate={d.certificate} issues={d.issues} />
            </div>
          ))}
        </div>
        <div class="side">
          <CertificateCard certificate={documents[0]!.certificate} />
          {signed ? (
            <p class="done" role="status" data-egisz-confirm="done">
              Документы подписаны и отправлены. Статус каждого виден на странице МИС и во всплывающем окне расширения.
            </p>
          ) : (
            <PinForm
              label="PIN-код токена (один для всех документов)"
              submitLabel={`Подписать все (${documents.length})`}
              sign={sign}
              onCancel={() => window.close()}
            />
          )}
        </div>
      </div>
    </main>
  );
}
