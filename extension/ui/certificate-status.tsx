import { useEffect, useState } from 'preact/hooks';
import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import type { CertificatesReply } from '../messaging/runtime-messages.ts';
import { askBackground } from './ask-background.ts';
import { russianDate } from './russian-date.ts';

/**
 * The token's certificates in the popup, with what the agent warns about:
 * expiry in 30, 14 or 3 days, an expired key, an organization certificate.
 */
export function CertificateStatus() {
  const [certificates, setCertificates] = useState<CertificateSummary[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void askBackground<CertificatesReply>({ type: 'certificates' }).then((reply) =>
      reply.ok ? setCertificates(reply.certificates) : setError(reply.message),
    );
  }, []);

  return (
    <section class="popup-section" data-egisz-certificates={certificates ? 'loaded' : 'loading'}>
      <h2>Сертификаты на токене</h2>
      {error ? <p class="muted">{error}</p> : null}
      {certificates?.length === 0 ? <p class="muted">На токене нет сертификатов</p> : null}
      <ul class="jobs">
        {certificates?.map((certificate) => (
          <li key={certificate.fingerprint} class="certificate">
            <span>{certificate.owner}</span>
            <span class="muted"> · до {russianDate(certificate.notAfter)}</span>
            {certificate.warnings.map((warning) => (
              <p key={warning.code} class={`issue issue--${warning.severity}`} data-egisz-certificate-warning={warning.code}>
                {warning.message}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
