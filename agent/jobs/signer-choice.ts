/**
 * Picks the certificate on the token that may sign this record, and signs
 * with exactly that one. The certificate the user confirmed is bound by its
 * fingerprint: a swapped token with another certificate is refused.
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import { hasErrors, type Issue } from '../../shared/validate/issue.ts';
import { checkCertificateNow, checkSigningCertificate } from '../signing/certificate-checks.ts';
import { summarizeCertificate } from '../signing/certificate.ts';
import type { TokenCertificate, TokenClient } from '../signing/token-client.ts';
import { checkCertificateTrust } from '../signing/certificate-trust.ts';
import type { SigningTrust } from '../signing/signing-trust.ts';

export type SignerChoice = { ok: true; summary: CertificateSummary } | { ok: false; issues: Issue[] };

export interface SignerSource {
  choose(record: ClinicalRecord, now: Date): Promise<SignerChoice>;
  sign(content: Uint8Array, fingerprint: string, pin: string): Promise<Uint8Array>;
  /** Several documents under one login; signatures in the order of `contents`. */
  signBatch(contents: Uint8Array[], fingerprint: string, pin: string): Promise<Uint8Array[]>;
  /** Every certificate on the token with what blocks or will block signing (expiry at 30, 14, 3 days). */
  certificates(now: Date): Promise<CertificateSummary[]>;
}

export class TokenSigner implements SignerSource {
  private readonly token: TokenClient;
  /** Accredited CAs and CRLs: chain and revocation are checked before the PIN too. */
  private readonly trust: SigningTrust | undefined;

  constructor(token: TokenClient, trust?: SigningTrust) {
    this.token = token;
    this.trust = trust;
  }

  async choose(record: ClinicalRecord, now: Date): Promise<SignerChoice> {
    const certificates = await this.token.listCertificates();
    if (certificates.length === 0) {
      return { ok: false, issues: [noCertificate()] };
    }
    const context = { now, documentDate: new Date(record.document.createdAt), practitionerSnils: record.practitioner.snils };
    const onToken = certificates.map((c) => c.certificate.der);
    const checked = await Promise.all(certificates.map(async (c) => (
      { c, issues: await this.withTrust(c.certificate, checkSigningCertificate(c.certificate, context), now, onToken) }
    )));
    // Prefer a certificate that passes; otherwise report the one closest to the practitioner.
    const usable = checked.find((x) => !hasErrors(x.issues));
    if (usable) return { ok: true, summary: { ...summarizeCertificate(usable.c.certificate), warnings: usable.issues } };
    const closest = checked.find((x) => x.c.certificate.subject.snils === record.practitioner.snils) ?? checked[0]!;
    return { ok: false, issues: closest.issues };
  }

  sign(content: Uint8Array, fingerprint: string, pin: string): Promise<Uint8Array> {
    return this.token.signDetached({ content, certificateFingerprint: fingerprint, pin });
  }

  signBatch(contents: Uint8Array[], fingerprint: string, pin: string): Promise<Uint8Array[]> {
    return this.token.signDetachedBatch({ contents, certificateFingerprint: fingerprint, pin });
  }

  /** With a trust store, a revoked or untrusted certificate shows in the popup before the doctor needs it. */
  async certificates(now: Date): Promise<CertificateSummary[]> {
    const certificates = await this.token.listCertificates();
    const onToken = certificates.map((c) => c.certificate.der);
    return Promise.all(certificates.map(async (c) => (
      summarizeCertificate(c.certificate, await this.withTrust(c.certificate, checkCertificateNow(c.certificate, now), now, onToken))
    )));
  }

  /** Adds chain and revocation findings; the network (CRL) is asked only for a certificate that passes the rest. */
  private async withTrust(certificate: TokenCertificate['certificate'], issues: Issue[], now: Date, onToken: Uint8Array[]): Promise<Issue[]> {
    if (!this.trust || hasErrors(issues)) return issues;
    return [...issues, ...await checkCertificateTrust(certificate.der, { ...this.trust, now, intermediates: onToken })];
  }
}

function noCertificate(): Issue {
  return {
    path: 'practitioner.snils', code: 'TOKEN_NO_CERTIFICATE', severity: 'error',
    message: 'На токене нет сертификата для подписи. Подключите токен врача с действующим квалифицированным сертификатом.',
  };
}
