import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import type { Issue } from '../../shared/validate/issue.ts';

/** What the agent noticed while preparing (pre-flight warnings), minus what the certificate card already says. */
export function AgentRemarks({ certificate, issues }: { certificate: CertificateSummary; issues: Issue[] }) {
  const shown = new Set(certificate.warnings.map((warning) => warning.message));
  const remarks = issues.filter((issue) => !shown.has(issue.message));
  if (remarks.length === 0) return null;
  return (
    <section class="card" aria-label="Замечания">
      <h2>Замечания перед подписью</h2>
      <ul class="warnings">
        {remarks.map((issue) => (
          <li key={`${issue.path}:${issue.code}`} class={`issue issue--${issue.severity}`}>
            {issue.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
