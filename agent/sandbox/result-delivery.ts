/**
 * REMD posting registerDocumentResult to the ReplyTo of the request
 * (egisz.md §1.4 step 6–7). Delivery is retried a few times, since a MIS
 * callback endpoint that answers 5xx asks for it [?]. Signed with REMD's key
 * (WS-Security), so the MIS can refuse a forged result.
 */
import { ACTION, SOAP12_CONTENT_TYPE } from '../egisz/remd/remd-contract.ts';
import { writeRegisterDocumentResult } from '../egisz/remd/register-document-result.ts';
import type { RegisterDocumentResult } from '../egisz/remd/register-document-result.ts';
import { buildEnvelope, newMessageId } from '../egisz/remd/soap-envelope.ts';
import { signEnvelope, type WsSecuritySigner } from '../egisz/remd/ws-security.ts';

export interface DeliveryOptions {
  fetch: typeof fetch;
  attempts?: number;
  /** Pause before attempt n is n × this, milliseconds. */
  backoffMs?: number;
  isClosed?: () => boolean;
  /** REMD's key; without it the callback goes unsigned (tests of the MIS side's refusal). */
  signer?: WsSecuritySigner;
}

/** True when the MIS acknowledged with HTTP 2xx. */
export async function deliverResult(replyTo: string, result: RegisterDocumentResult, opts: DeliveryOptions): Promise<boolean> {
  const envelope = buildEnvelope({
    messageId: newMessageId(),
    action: ACTION.registerDocumentResult,
    to: replyTo,
    relatesTo: result.relatesToMessage,
    body: (body) => writeRegisterDocumentResult(body, result),
  });
  const xml = opts.signer ? await signEnvelope(envelope, opts.signer) : envelope;
  const attempts = opts.attempts ?? 3;
  for (let n = 1; n <= attempts; n++) {
    if (opts.isClosed?.()) return false;
    try {
      const response = await opts.fetch(replyTo, {
        method: 'POST',
        headers: { 'content-type': `${SOAP12_CONTENT_TYPE}; action="${ACTION.registerDocumentResult}"` },
        body: xml,
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // Unreachable MIS: try again below.
    }
    if (n < attempts) await new Promise((r) => setTimeout(r, n * (opts.backoffMs ?? 200)));
  }
  return false;
}
