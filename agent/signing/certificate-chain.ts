/**
 * Builds the chain from a signer certificate to a trusted (accredited) root:
 * issuers are found by name and key identifier among the intermediates (from
 * the token, the CMS or the store) and the trust store; each link's signature
 * is verified with the issuer's key (GOST 2012 by our own code, ECDSA/RSA by
 * node:crypto), each CA must be one (basicConstraints cA, keyCertSign) and
 * every certificate valid at the given moment. REMD refuses a signer without
 * such a chain: CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT.
 */
import { mayIssueCertificates, validAt, type ChainCertificate } from './chain-certificate.ts';
import { cmsAlgorithmFor } from './cms-algorithms.ts';
import type { TrustStore } from './trust-store.ts';

export type ChainProblem = 'no-issuer' | 'bad-signature' | 'not-valid' | 'not-a-ca' | 'too-long';

export type ChainVerdict =
  | { ok: true; /** Signer first, the trusted root last. */ chain: ChainCertificate[] }
  | { ok: false; problem: ChainProblem; /** The certificate the problem is about. */ certificate: ChainCertificate; message: string };

const MAX_DEPTH = 8;
const ru = (d: Date): string => d.toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' });

/** Whether `issuer`'s key made `cert`'s signature. */
export function signedBy(cert: ChainCertificate, issuer: ChainCertificate): boolean {
  try {
    const algorithm = cmsAlgorithmFor(issuer.keyAlgorithm);
    if (!algorithm.acceptedSignatureOids.includes(cert.signatureOid)) return false;
    return algorithm.verify(cert.tbs, cert.signature, issuer.spki);
  } catch {
    return false;
  }
}

/** Candidates named as the issuer; a key identifier, when both sides have one, must match too. */
function issuersOf(cert: ChainCertificate, pool: ChainCertificate[]): ChainCertificate[] {
  return pool.filter((c) => c.subjectName === cert.issuerName
    && (!cert.authorityKeyId || !c.subjectKeyId || cert.authorityKeyId === c.subjectKeyId));
}

export function buildChain(signer: ChainCertificate, intermediates: ChainCertificate[], store: TrustStore, at: Date): ChainVerdict {
  // The signer's own validity is certificate-checks' business (its own NSI 305 codes).
  const pool = [...intermediates, ...store.certificates];
  const walk = (path: ChainCertificate[]): ChainVerdict => {
    const cert = path[path.length - 1] as ChainCertificate;
    if (path.length > MAX_DEPTH) return failure('too-long', cert);
    const candidates = issuersOf(cert, pool).filter((c) => !path.some((p) => p.fingerprint === c.fingerprint));
    if (candidates.length === 0) return failure('no-issuer', cert);
    let last: ChainVerdict = failure('no-issuer', cert);
    for (const issuer of candidates) {
      const verdict = link(cert, issuer, at) ?? (store.trusts(issuer) ? { ok: true as const, chain: [...path, issuer] } : walk([...path, issuer]));
      if (verdict.ok) return verdict;
      last = verdict;
    }
    return last;
  };
  return walk([signer]);
}

/** A problem with one link (issuer → cert), or undefined when it holds. */
function link(cert: ChainCertificate, issuer: ChainCertificate, at: Date): ChainVerdict | undefined {
  if (!signedBy(cert, issuer)) return failure('bad-signature', cert, issuer);
  if (!mayIssueCertificates(issuer)) return failure('not-a-ca', issuer);
  if (!validAt(issuer, at)) return failure('not-valid', issuer);
  return undefined;
}

function failure(problem: ChainProblem, certificate: ChainCertificate, issuer?: ChainCertificate): ChainVerdict {
  const name = `«${certificate.commonName || certificate.serialNumberHex}»`;
  const messages: Record<ChainProblem, string> = {
    'no-issuer': `Сертификат ${name} выдан УЦ, которого нет в списке аккредитованных: «${certificate.issuerCommonName}». Получите сертификат в аккредитованном удостоверяющем центре или добавьте корневой и промежуточный сертификаты этого УЦ в доверенные (trustedCa).`,
    'bad-signature': `Подпись УЦ «${issuer?.commonName ?? certificate.issuerCommonName}» на сертификате ${name} неверна: сертификат подделан или выдан другим УЦ с тем же именем. Получите новый сертификат в аккредитованном УЦ.`,
    'not-a-ca': `Сертификат ${name} в цепочке не является сертификатом УЦ (нет признака УЦ или права «Подписание сертификатов»). Сертификат подписи выдан не аккредитованным УЦ.`,
    'not-valid': `Сертификат УЦ ${name} в цепочке не действует (${ru(certificate.notBefore)} — ${ru(certificate.notAfter)}). Обновите сертификаты УЦ в доверенных (trustedCa) или получите новый сертификат.`,
    'too-long': `Цепочка сертификатов от ${name} слишком длинная или замкнута в кольцо.`,
  };
  return { ok: false, problem, certificate, message: messages[problem] };
}
