import { useEffect, useState } from 'preact/hooks';
import { formatDiagnosticReport, overallStatus, type CheckStatus, type DiagnosticCheck } from '../../shared/diagnostics/diagnostic-report.ts';
import type { DiagnosticsReply, Failure } from '../messaging/runtime-messages.ts';
import { askBackground } from './ask-background.ts';

const STATUS_TEXT: Record<CheckStatus, string> = { ok: 'в порядке', warning: 'внимание', error: 'ошибка' };
const SUMMARY: Record<CheckStatus, string> = {
  ok: 'Всё в порядке: документы можно подписывать и отправлять.',
  warning: 'Работать можно, но есть предупреждения.',
  error: 'Есть ошибки: пока они не исправлены, документы не отправятся.',
};

/**
 * «Диагностика»: the answer to «агент не найден» and «токен не поддерживается»
 * in one place. Runs the checks in order, shows each with what to do, and
 * copies a report without personal data for the support desk.
 */
export function DiagnosticsPage({ site }: { site?: string }) {
  const [reply, setReply] = useState<Extract<DiagnosticsReply, { ok: true }> | Failure>();
  const [report, setReport] = useState<{ text: string; copied: boolean }>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    setReply(undefined);
    setReport(undefined);
    void askBackground<Extract<DiagnosticsReply, { ok: true }>>({ type: 'diagnostics', ...(site ? { site } : {}) }).then(setReply);
  }, [round]);

  const copy = async (checks: DiagnosticCheck[], version: string): Promise<void> => {
    const text = formatDiagnosticReport(checks, [`Диагностика ЕГИСЗ-моста (расширение ${version}), ${new Date().toISOString()}`]);
    const copied = await navigator.clipboard.writeText(text).then(() => true, () => false);
    setReport({ text, copied });
  };

  return (
    <main class="page page--narrow">
      <h1>ЕГИСЗ-мост: диагностика</h1>
      {!reply ? <p data-egisz-diagnostics="running">Проверяем агент, токен и связь с ЕГИСЗ…</p> : null}
      {reply && !reply.ok ? <p class="alert">{reply.message}</p> : null}
      {reply?.ok ? (
        <>
          <p class={`diag-summary diag--${overallStatus(reply.checks)}`} data-egisz-diagnostics={overallStatus(reply.checks)}>{SUMMARY[overallStatus(reply.checks)]}</p>
          <ol class="diag-checks">
            {reply.checks.map((c) => <CheckItem key={c.id} check={c} />)}
          </ol>
          <div class="actions">
            <button type="button" class="primary" data-egisz-action="copy-report" onClick={() => void copy(reply.checks, reply.extensionVersion)}>Скопировать отчёт</button>
            <button type="button" data-egisz-action="rerun-diagnostics" onClick={() => setRound(round + 1)}>Проверить снова</button>
          </div>
          {report ? (
            <>
              <p class="note" role="status">{report.copied ? 'Отчёт скопирован: вставьте его в обращение в поддержку. В нём нет ФИО, СНИЛС и PIN.' : 'Скопировать не удалось: выделите текст ниже и скопируйте его.'}</p>
              <textarea class="diag-report" readOnly rows={12} data-egisz-report>{report.text}</textarea>
            </>
          ) : null}
        </>
      ) : null}
      <p class="muted"><a href="/options.html" target="_blank">Настройки сопряжения и профили сайтов</a></p>
    </main>
  );
}

function CheckItem({ check }: { check: DiagnosticCheck }) {
  return (
    <li class={`diag-check diag--${check.status}`} data-egisz-check={check.id} data-egisz-status={check.status}>
      <strong>{check.title}</strong> <span class="diag-status">{STATUS_TEXT[check.status]}</span>
      <p>{check.explanation}</p>
      {check.action ? <p class="diag-action">Что сделать: {check.action}</p> : null}
      {check.details?.length ? <ul class="diag-details">{check.details.map((d) => <li key={d}>{d}</li>)}</ul> : null}
    </li>
  );
}
