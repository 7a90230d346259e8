/**
 * Whether a signer certificate chains to an accredited CA and is not revoked:
 * the chain (certificate-chain.ts) and the CRL of each certificate in it but
 * the anchor (crl-cache.ts). The findings carry the NSI 305 code REMD would
 * refuse with; certificate checks turn them into Issues before the PIN, the
 * sandbox into its refusals.
 */
import type { Issue } from '../../shared/validate/issue.ts';
import { readChainCertificate, type ChainCertificate } from './chain-certificate.ts';
import { buildChain } from './certificate-chain.ts';
import type { CrlCache } from './crl-cache.ts';
import type { TrustStore } from './trust-store.ts';

export interface TrustContext {
  store: TrustStore;
  crls: CrlCache;
  now: Date;
  /** Intermediate certificates from the token or the CMS (DER). */
  intermediates?: Uint8Array[];
}

export interface TrustFinding {
  code: 'TOKEN_CERT_UNTRUSTED_CA' | 'TOKEN_CERT_REVOKED' | 'TOKEN_CERT_REVOCATION_UNKNOWN' | 'TOKEN_CERT_REVOCATION_STALE';
  severity: 'error' | 'warning';
  remdCode: 'CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT' | 'CA_INACCESSIBILITY';
  message: string;
}

const ru = (d: Date): string => d.toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' });
const nameOf = (c: ChainCertificate): string => `«${c.commonName || c.serialNumberHex}»`;

export async function judgeTrust(signerDer: Uint8Array, ctx: TrustContext): Promise<TrustFinding[]> {
  const signer = readChainCertificate(signerDer);
  const intermediates = (ctx.intermediates ?? []).flatMap((der) => {
    try {
      return [readChainCertificate(der)];
    } catch {
      return []; // an odd object on the token or in the CMS is no intermediate
    }
  });
  const built = buildChain(signer, intermediates, ctx.store, ctx.now);
  if (!built.ok) return [{ code: 'TOKEN_CERT_UNTRUSTED_CA', severity: 'error', remdCode: 'CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT', message: built.message }];
  const findings: TrustFinding[] = [];
  // The anchor is trusted as listed; every certificate below it is looked up in its issuer's CRL.
  for (let i = 0; i < built.chain.length - 1; i++) {
    const cert = built.chain[i] as ChainCertificate;
    const status = await ctx.crls.check(cert, built.chain[i + 1] as ChainCertificate, ctx.now);
    if (status.status === 'revoked') {
      const whose = i === 0 ? 'Сертификат подписи' : `Сертификат УЦ ${nameOf(cert)} в цепочке`;
      findings.push({ code: 'TOKEN_CERT_REVOKED', severity: 'error', remdCode: 'CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT', message: `${whose} отозван ${ru(status.at)}. Получите новый сертификат в удостоверяющем центре.` });
    } else if (status.status === 'unknown') {
      findings.push({ code: 'TOKEN_CERT_REVOCATION_UNKNOWN', severity: 'error', remdCode: 'CA_INACCESSIBILITY', message: `Не удалось проверить, не отозван ли сертификат ${nameOf(cert)}: ${status.reason}. Проверьте доступ в интернет (к адресу списка отзыва УЦ) и повторите; без этой проверки РЭМД документ не примет.` });
    } else if (status.stale) {
      findings.push({ code: 'TOKEN_CERT_REVOCATION_STALE', severity: 'warning', remdCode: 'CA_INACCESSIBILITY', message: `Свежий список отзыва для сертификата ${nameOf(cert)} получить не удалось; по сохранённому сертификат не отозван. Проверьте доступ к адресу списка отзыва УЦ.` });
    }
  }
  return findings;
}

/** The findings as Issues on the practitioner block, before the PIN. */
export async function checkCertificateTrust(signerDer: Uint8Array, ctx: TrustContext): Promise<Issue[]> {
  return (await judgeTrust(signerDer, ctx)).map((f) => ({ path: 'practitioner', code: f.code, severity: f.severity, message: f.message, remdCode: f.remdCode }));
}
