/**
 * REMD pulling the SEMD from the MIS (egisz.md §1.4 steps 4–5) and the NSI 305
 * codes it reports when that fails (§6 «File fetch problems»).
 */
import { ACTION, OPERATION, SOAP12_CONTENT_TYPE } from '../egisz/remd/remd-contract.ts';
import { readDocumentFileAnswer, writeDocumentFileRequest } from '../egisz/remd/document-file.ts';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import { buildEnvelope, newMessageId, parseEnvelope, SoapEnvelopeError } from '../egisz/remd/soap-envelope.ts';

export type FetchedFile = { ok: true; file: Uint8Array } | { ok: false; errors: RemdErrorItem[] };

export async function fetchDocumentFile(
  url: string,
  ref: { messageId: string; localUid: string },
  fetchImpl: typeof fetch,
  timeoutMs = 30_000,
): Promise<FetchedFile> {
  const xml = buildEnvelope({
    messageId: newMessageId(),
    action: ACTION.getDocumentFile,
    to: url,
    body: (body) => writeDocumentFileRequest(body, ref),
  });
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': `${SOAP12_CONTENT_TYPE}; action="${ACTION.getDocumentFile}"` },
      body: xml,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (e) {
    return failed('MIS_NOT_AVAILABLE', `${url}: ${(e as Error).message}`);
  }
  return readAnswer(text, response.status);
}

function readAnswer(text: string, status: number): FetchedFile {
  let envelope;
  try {
    envelope = parseEnvelope(text);
  } catch (e) {
    if (!(e instanceof SoapEnvelopeError)) throw e;
    return failed(status >= 500 ? 'MIS_ERROR' : 'RMIS_ERROR', `Error in getDocumentFile by SOAP: HTTP ${status}`);
  }
  if (envelope.fault) {
    return envelope.fault.errors.length ? { ok: false, errors: envelope.fault.errors } : failed('MIS_ERROR', envelope.fault.reason);
  }
  if (envelope.payload?.localName !== OPERATION.getDocumentFile.response) {
    return failed('RMIS_ERROR', 'в ответе нет getDocumentFileResponse');
  }
  const answer = readDocumentFileAnswer(envelope.payload);
  if (answer.status === 'error') {
    return answer.errors.length ? { ok: false, errors: answer.errors } : failed('GET_DOCUMENT_FILE_ERROR', 'ответ без файла');
  }
  if (!answer.file.length) return failed('FILE_WAS_NOT_SENT', 'пустой файл');
  return { ok: true, file: answer.file };
}

const failed = (code: string, detail: string): FetchedFile => ({ ok: false, errors: [remdError(code, detail)] });
