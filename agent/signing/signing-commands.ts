/**
 * What the CLI's `certs` and `sign` commands do, as functions: list the
 * tokens with their certificates and warnings, and sign a file detached with
 * a chosen (or the only) certificate. The CLI owns argument parsing and
 * reading the PIN (stdin or --pin-env), never argv.
 */
import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import { checkCertificateNow } from './certificate-checks.ts';
import { normalizeFingerprint, summarizeCertificate } from './certificate.ts';
import { TokenClient, TokenError, type TokenCertificate, type TokenInfo, type TokenModuleConfig } from './token-client.ts';

export interface TokenListing {
  token: TokenInfo;
  certificates: Array<{ keyId: string; keyAlgorithm: string; summary: CertificateSummary }>;
}

/** Every token of the module with its certificates; warnings say what blocks or will block signing. */
export async function listTokenCertificates(config: TokenModuleConfig, now = new Date()): Promise<TokenListing[]> {
  const client = new TokenClient(config);
  try {
    const [tokens, certs] = [await client.listTokens(), await client.listCertificates()];
    return tokens.map((token) => ({
      token,
      certificates: certs
        .filter((c) => c.slotId === token.slotId)
        .map((c) => ({
          keyId: c.keyId,
          keyAlgorithm: c.certificate.keyAlgorithm,
          summary: summarizeCertificate(c.certificate, checkCertificateNow(c.certificate, now)),
        })),
    }));
  } finally {
    await client.close();
  }
}

/**
 * Picks the certificate named by `choice` (a fingerprint, its prefix of 8+ hex
 * digits, or a CKA_ID), or the only one when `choice` is absent.
 */
export function chooseCertificate(certs: TokenCertificate[], choice?: string): TokenCertificate {
  if (certs.length === 0) {
    throw new TokenError('TOKEN_CERT_NOT_FOUND', 'На токене нет сертификатов. Вставьте токен с сертификатом подписи.', true);
  }
  if (choice === undefined) {
    if (certs.length === 1) return certs[0] as TokenCertificate;
    throw new TokenError('TOKEN_CERT_AMBIGUOUS', `На токене ${certs.length} сертификата(ов): укажите нужный (--cert, отпечаток или идентификатор ключа).`);
  }
  const wanted = normalizeFingerprint(choice);
  const matches = certs.filter(
    (c) => c.keyId === choice.toLowerCase() || (wanted.length >= 8 && c.certificate.fingerprint.startsWith(wanted)),
  );
  if (matches.length === 1) return matches[0] as TokenCertificate;
  if (matches.length > 1) {
    throw new TokenError('TOKEN_CERT_AMBIGUOUS', `Под «${choice}» подходит несколько сертификатов: укажите отпечаток полностью.`);
  }
  throw new TokenError('TOKEN_CERT_NOT_FOUND', `Сертификат «${choice}» не найден на токене. Список сертификатов: egisz-agent certs.`);
}

export interface SignFileRequest {
  config: TokenModuleConfig;
  /** The exact bytes of the file to sign. */
  content: Uint8Array;
  /** Fingerprint, fingerprint prefix or CKA_ID; optional when the token holds one certificate. */
  certificate?: string;
  pin: string;
  now?: Date;
}

/** Detached CAdES-BES of a file; refuses a certificate that is not valid now or cannot sign. */
export async function signFileDetached(req: SignFileRequest): Promise<{ signature: Uint8Array; certificate: CertificateSummary }> {
  const client = new TokenClient(req.config);
  try {
    const chosen = chooseCertificate(await client.listCertificates(), req.certificate);
    const now = req.now ?? new Date();
    const issues = checkCertificateNow(chosen.certificate, now).filter((i) => i.severity === 'error' && i.code !== 'TOKEN_CERT_NOT_PERSONAL');
    if (issues[0]) throw new TokenError('TOKEN_CERT_UNUSABLE', issues[0].message);
    const signature = await client.signDetached({ content: req.content, certificateFingerprint: chosen.certificate.fingerprint, pin: req.pin, signingTime: now });
    return { signature, certificate: summarizeCertificate(chosen.certificate) };
  } finally {
    await client.close();
  }
}
