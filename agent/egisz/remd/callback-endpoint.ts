/**
 * Where REMD posts registerDocumentResult (the agent mounts this at
 * /remd/callback). A callback not signed by REMD (callback-authentication.ts)
 * is refused before it is read. We acknowledge with HTTP 200 once the handler
 * has stored the result; a handler failure answers 500 so that REMD delivers again.
 */
import { Router } from 'express';
import type { Logger } from '../../log.ts';
import { authenticateCallback, type CallbackTrust } from './callback-authentication.ts';
import { ACTION, OPERATION, STATUS } from './remd-contract.ts';
import { readRegisterDocumentResult, RegisterDocumentResultError } from './register-document-result.ts';
import type { RegisterDocumentResult } from './register-document-result.ts';
import { buildEnvelope, newMessageId, parseEnvelope, SoapEnvelopeError } from './soap-envelope.ts';
import { bodyText, sendFault, sendSoap, soapText } from './soap-http.ts';
import { appendOrdered, qualified } from './xml-writer.ts';

export type RegisterDocumentResultHandler = (result: RegisterDocumentResult) => Promise<void>;

export function createCallbackEndpoint(handler: RegisterDocumentResultHandler, trust: CallbackTrust, log?: Logger): Router {
  const router = Router();
  router.post('/', soapText(), async (req, res) => {
    const text = bodyText(req.body);
    if (!text) return sendFault(res, { code: 'Sender', reason: 'Ожидается SOAP-сообщение registerDocumentResult' });
    let result: RegisterDocumentResult;
    let messageId: string | undefined;
    try {
      const envelope = parseEnvelope(text);
      messageId = envelope.headers.messageId;
      const refused = authenticateCallback(envelope.root, trust);
      if (refused) {
        log?.warn('remd.callback-refused', { code: refused.code, reason: refused.fault.reason });
        return sendFault(res, { ...refused.fault, relatesTo: messageId });
      }
      const payload = envelope.payload;
      if (payload?.localName !== OPERATION.registerDocumentResult.request) {
        return sendFault(res, { code: 'Sender', reason: 'Ожидается registerDocumentResult', relatesTo: messageId });
      }
      result = readRegisterDocumentResult(payload, envelope.headers.relatesTo);
    } catch (e) {
      if (e instanceof SoapEnvelopeError || e instanceof RegisterDocumentResultError) {
        return sendFault(res, { code: 'Sender', reason: `Некорректное сообщение: ${e.message}`, relatesTo: messageId });
      }
      throw e;
    }
    try {
      await handler(result);
    } catch {
      return sendFault(res, { code: 'Receiver', reason: 'Результат не сохранён, повторите доставку', relatesTo: messageId });
    }
    sendSoap(res, 200, acknowledgement(messageId));
  });
  return router;
}

function acknowledgement(relatesTo: string | undefined): string {
  const { ns, response } = OPERATION.registerDocumentResult;
  return buildEnvelope({
    messageId: newMessageId(),
    action: `${ACTION.registerDocumentResult}Response`,
    relatesTo,
    body: (body) =>
      appendOrdered(qualified(ns)(body, response), ns, 'registerDocumentResultResponse', {
        status: STATUS.success,
      }),
  });
}
