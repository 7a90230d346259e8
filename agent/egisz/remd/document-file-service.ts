/**
 * The MIS's getDocumentFile service (the agent mounts it at
 * /remd/document-file): REMD pulls the signed SEMD here after accepting a
 * registerDocument. Unknown documents answer with NSI 305 codes.
 */
import { Router } from 'express';
import { ACTION, OPERATION } from './remd-contract.ts';
import { readDocumentFileRequest, writeDocumentFileAnswer } from './document-file.ts';
import type { DocumentFileAnswer } from './document-file.ts';
import { remdError } from './remd-error-catalogue.ts';
import { buildEnvelope, newMessageId, parseEnvelope, SoapEnvelopeError } from './soap-envelope.ts';
import { bodyText, sendFault, sendSoap, soapText } from './soap-http.ts';

/** Returns the exact signed bytes, or undefined when this MIS holds no such file. */
export type DocumentFileProvider = (localUid: string, messageId?: string) => Promise<Uint8Array | undefined>;

export function createDocumentFileService(provider: DocumentFileProvider): Router {
  const router = Router();
  router.post('/', soapText(), async (req, res) => {
    const text = bodyText(req.body);
    if (!text) return sendFault(res, { code: 'Sender', reason: 'Ожидается SOAP-сообщение getDocumentFile' });
    let envelope;
    try {
      envelope = parseEnvelope(text);
    } catch (e) {
      if (e instanceof SoapEnvelopeError) return sendFault(res, { code: 'Sender', reason: e.message });
      throw e;
    }
    const relatesTo = envelope.headers.messageId;
    const request = envelope.payload?.localName === OPERATION.getDocumentFile.request ? readDocumentFileRequest(envelope.payload) : undefined;
    if (!request) return sendFault(res, { code: 'Sender', reason: 'Ожидается getDocumentFileRequest с localUid', relatesTo });
    let file: Uint8Array | undefined;
    try {
      file = await provider(request.localUid, request.messageId);
    } catch {
      return sendFault(res, { code: 'Receiver', reason: 'Ошибка хранилища документов', errors: [remdError('MIS_ERROR')], relatesTo });
    }
    const answer: DocumentFileAnswer = file
      ? { status: 'success', localUid: request.localUid, file }
      : { status: 'error', errors: [notFound(request.localUid, request.messageId)] };
    const xml = buildEnvelope({
      messageId: newMessageId(),
      action: `${ACTION.getDocumentFile}Response`,
      relatesTo,
      body: (body) => writeDocumentFileAnswer(body, answer),
    });
    sendSoap(res, 200, xml);
  });
  return router;
}

/** A messageId we do not know is WRONG_MESSAGE_ID; otherwise the file was simply never handed over. */
function notFound(localUid: string, messageId: string | undefined) {
  return messageId
    ? remdError('WRONG_MESSAGE_ID', `messageID [${messageId}], localUid [${localUid}]`)
    : remdError('FILE_WAS_NOT_SENT', `localUid [${localUid}]`);
}
