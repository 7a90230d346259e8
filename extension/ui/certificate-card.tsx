import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import { formatSnils } from '../../shared/validate/snils.ts';
import { russianDate } from './russian-date.ts';

/** Whose key will sign: the doctor checks this is their own certificate before typing the PIN. */
export function CertificateCard({ certificate }: { certificate: CertificateSummary }) {
  return (
    <section class="card" aria-label="Сертификат подписи">
      <h2>Сертификат подписи</h2>
      <dl class="facts">
        <dt>Владелец</dt>
        <dd data-egisz-certificate="owner">{certificate.owner}</dd>
        <dt>СНИЛС</dt>
        <dd>{certificate.snils ? formatSnils(certificate.snils) : 'не указан'}</dd>
        <dt>Издатель</dt>
        <dd>{certificate.issuer}</dd>
        <dt>Действует</dt>
        <dd>
          с {russianDate(certificate.notBefore)} по {russianDate(certificate.notAfter)}
        </dd>
        <dt>Отпечаток</dt>
        <dd class="mono">{certificate.fingerprint.slice(0, 16)}…</dd>
      </dl>
      {certificate.warnings.length > 0 ? (
        <ul class="warnings">
          {certificate.warnings.map((warning) => (
            <li key={warning.code} class={`issue issue--${warning.severity}`}>
              {warning.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
