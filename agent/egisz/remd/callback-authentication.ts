/**
 * Who may post registerDocumentResult to us: REMD only. The callback must
 * carry WS-Security (a fresh Timestamp, the Body and the addressing headers
 * signed, ws-security-verify.ts) by one of the certificates the gateway was
 * told to trust (`remdCertificate` in config.json; in demo mode the embedded
 * sandbox's). Anyone else reaching the callback URL could otherwise mark a
 * document registered, or rejected, at will.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NS } from './remd-contract.ts';
import type { FaultInput } from './soap-envelope.ts';
import type { Element } from './xml-reader.ts';
import { nodeAlgorithms, withAlgorithms } from './ws-security-algorithms.ts';
import { gostAlgorithms } from './ws-security-gost.ts';
import { verifyEnvelopeSecurity } from './ws-security-verify.ts';

/** The stable codes of a refused callback (in the fault's Detail and the log). */
export type CallbackRefusalCode = 'REMD_CALLBACK_UNSIGNED' | 'REMD_CALLBACK_SIGNATURE_INVALID' | 'REMD_CALLBACK_UNTRUSTED';

export interface CallbackTrust {
  /** REMD's certificates; with none, every callback is refused (results then come through reconciliation). */
  certificates: readonly X509Certificate[];
  now?: () => Date;
}

export interface CallbackRefusal {
  code: CallbackRefusalCode;
  fault: FaultInput;
}

/** GOST 2012 from REMD itself; ECDSA and RSA from the sandbox and the test stand. */
const callbackAlgorithms = withAlgorithms(nodeAlgorithms, gostAlgorithms);

/** Undefined when the envelope is signed by a trusted REMD certificate. */
export function authenticateCallback(envelope: Element, trust: CallbackTrust): CallbackRefusal | undefined {
  const now = trust.now?.() ?? new Date();
  const verdict = verifyEnvelopeSecurity(envelope, { now, algorithms: callbackAlgorithms });
  if (!verdict) return refusal('REMD_CALLBACK_UNSIGNED', 'wsse:InvalidSecurity', 'Результат регистрации не подписан (нет заголовка wsse:Security): принимаются только подписанные РЭМД');
  if (!verdict.ok) return refusal('REMD_CALLBACK_SIGNATURE_INVALID', verdict.code, `Подпись результата регистрации не прошла проверку: ${verdict.message}`);
  const signer = verdict.certificate;
  const inForce = Date.parse(signer.validFrom) <= now.getTime() && now.getTime() <= Date.parse(signer.validTo);
  if (!inForce || !trust.certificates.some((c) => c.fingerprint256 === signer.fingerprint256)) {
    return refusal('REMD_CALLBACK_UNTRUSTED', 'wsse:FailedAuthentication', 'Результат регистрации подписан сертификатом, которому агент не доверяет (remdCertificate)');
  }
  return undefined;
}

function refusal(code: CallbackRefusalCode, subcode: string, reason: string): CallbackRefusal {
  return { code, fault: { code: 'Sender', subcode, subcodeNs: NS.wsse, reason, errors: [{ code, message: reason }] } };
}

/** Every certificate in a PEM file (REMD may roll its key over: both are trusted meanwhile). */
export function readTrustedCertificates(file: string): X509Certificate[] {
  const blocks = readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((pem) => new X509Certificate(pem));
}
