import { useEffect, useState } from 'preact/hooks';
import type { JobState } from '../../shared/protocol/messages.ts';
import type { ConfirmSignReply, DoneReply, JobDetailsReply, JobView } from '../messaging/runtime-messages.ts';
import { askBackground, onBackgroundPush } from './ask-background.ts';
import { AgentRemarks } from './agent-remarks.tsx';
import { CertificateCard } from './certificate-card.tsx';
import { DocumentPreview } from './document-preview.tsx';
import { PinForm } from './pin-form.tsx';

type Details = Extract<JobDetailsReply, { ok: true }>;

const SIGNED: ReadonlySet<JobState> = new Set(['sending', 'submitted', 'registered']);

/**
 * The doctor's confirmation: the document exactly as it will be signed, the
 * certificate, and the PIN (PinForm: sent once to the background, never kept).
 */
export function ConfirmPage({ jobId }: { jobId: string }) {
  const [details, setDetails] = useState<Details>();
  const [job, setJob] = useState<JobView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void askBackground<JobDetailsReply>({ type: 'job-details', jobId }).then((reply) => {
      if (!reply.ok) return setError(reply.message);
      setDetails(reply);
      setJob(reply.job);
    });
    return onBackgroundPush((push) => {
      if (push.type === 'job-update' && push.job.jobId === jobId) setJob(push.job);
    });
  }, [jobId]);

  async function sign(pin: string): Promise<ConfirmSignReply> {
    const outcome = await askBackground<ConfirmSignReply>({ type: 'confirm-sign', jobId, pin });
    if (outcome.ok) setJob(outcome.job);
    return outcome;
  }

  async function cancel(): Promise<void> {
    await askBackground<DoneReply>({ type: 'cancel-job', jobId });
    window.close();
  }

  if (!details) return <main class="page">{error ? <p class="alert" role="alert">{error}</p> : <p>Загрузка документа…</p>}</main>;
  const signed = job !== undefined && SIGNED.has(job.state);
  const failed = job?.state === 'rejected' || job?.state === 'failed';
  return (
    <main class="page page--confirm" data-egisz-job-state={job?.state}>
      <h1>Подпись документа</h1>
      <div class="columns">
        <DocumentPreview preview={details.preview} />
        <div class="side">
          <CertificateCard certificate={details.certificate} />
          <AgentRemarks certificate={details.certificate} issues={details.issues} />
          {signed ? (
            <p class="done" role="status" data-egisz-confirm="done">
              Документ подписан и отправлен. Статус регистрации виден на странице МИС; эту вкладку можно закрыть.
            </p>
          ) : failed ? (
            <p class="alert" role="alert">Документ не зарегистрирован: {job?.errors?.map((e) => e.message).join('; ') || 'ошибка отправки'}</p>
          ) : (
            <PinForm label="PIN-код токена" submitLabel="Подписать" sign={sign} onCancel={cancel} />
          )}
        </div>
      </div>
    </main>
  );
}
