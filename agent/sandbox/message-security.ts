/**
 * IPS's check of an incoming message's WS-Security (egisz.md §1.2, §1.8):
 * verified when present, required when the sandbox is set to; the
 * certificate must be the one registered for the system, when the dataset
 * names its serial number.
 */
import { NS } from '../egisz/remd/remd-contract.ts';
import type { FaultInput } from '../egisz/remd/soap-envelope.ts';
import type { Element } from '../egisz/remd/xml-reader.ts';
import { verifyEnvelopeSecurity } from '../egisz/remd/ws-security-verify.ts';
import { nodeAlgorithms, withAlgorithms } from '../egisz/remd/ws-security-algorithms.ts';
import type { AlgorithmSuite } from '../egisz/remd/ws-security-algorithms.ts';
import { gostAlgorithms } from '../egisz/remd/ws-security-gost.ts';
import { findSystem } from './federal-dataset.ts';
import type { FederalDataset } from './federal-dataset.ts';

/** `verify-if-present` lets unsigned clients through (the demo); `require` behaves like IPS. */
export type WsSecurityMode = 'verify-if-present' | 'require';

/** What IPS accepts: GOST 2012 in production, RSA and ECDSA on the test stand. */
const sandboxAlgorithms = withAlgorithms(nodeAlgorithms, gostAlgorithms);

export interface MessageSecurityPolicy {
  mode: WsSecurityMode;
  /** Added to GOST, RSA and ECDSA. */
  algorithms?: Partial<AlgorithmSuite>;
  now: () => Date;
}

/** A Sender fault to answer with, or undefined when the message may pass. */
export function checkMessageSecurity(
  envelope: Element,
  clientEntityId: string | undefined,
  dataset: FederalDataset,
  policy: MessageSecurityPolicy,
): FaultInput | undefined {
  const algorithms = policy.algorithms ? withAlgorithms(sandboxAlgorithms, policy.algorithms) : sandboxAlgorithms;
  const verdict = verifyEnvelopeSecurity(envelope, { now: policy.now(), algorithms });
  if (!verdict) {
    return policy.mode === 'require' ? refusal('wsse:InvalidSecurity', 'Сообщение не подписано (нет заголовка wsse:Security)') : undefined;
  }
  if (!verdict.ok) return refusal(verdict.code, verdict.message);
  const registered = clientEntityId ? findSystem(dataset, clientEntityId)?.certificateSerialNumber : undefined;
  if (registered && registered.toUpperCase() !== verdict.certificate.serialNumber.toUpperCase()) {
    return refusal('wsse:FailedAuthentication', `Сертификат с серийным номером ${verdict.certificate.serialNumber} не зарегистрирован для системы`);
  }
  return undefined;
}

const refusal = (subcode: string, reason: string): FaultInput => ({ code: 'Sender', subcode, subcodeNs: NS.wsse, reason });
