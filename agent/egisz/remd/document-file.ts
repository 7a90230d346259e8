/**
 * getDocumentFile: REMD asks the MIS for the SEMD file of an accepted request
 * (egisz.md §1.3, step 4). Element names are reconstructed [?] (remd-contract.ts).
 */
import { OPERATION, STATUS } from './remd-contract.ts';
import { readStatus, writeErrorItems } from './remd-error-items.ts';
import type { RemdErrorItem } from './remd-error-items.ts';
import { childText } from './xml-reader.ts';
import type { Element } from './xml-reader.ts';
import { appendOrdered, qualified } from './xml-writer.ts';
import type { XMLBuilder } from './xml-writer.ts';

export interface DocumentFileRequest {
  /** MessageID of the registerDocument the file belongs to. */
  messageId?: string;
  localUid: string;
}

export type DocumentFileAnswer =
  | { status: 'success'; localUid: string; file: Uint8Array }
  | { status: 'error'; errors: RemdErrorItem[] };

const ns = OPERATION.getDocumentFile.ns;

export function writeDocumentFileRequest(body: XMLBuilder, req: DocumentFileRequest): void {
  const root = qualified(ns)(body, OPERATION.getDocumentFile.request);
  appendOrdered(root, ns, 'getDocumentFileRequest', { messageId: req.messageId, localUid: req.localUid });
}

export function readDocumentFileRequest(payload: Element): DocumentFileRequest | undefined {
  const localUid = childText(payload, 'localUid');
  if (!localUid) return undefined;
  const messageId = childText(payload, 'messageId');
  return messageId ? { localUid, messageId } : { localUid };
}

export function writeDocumentFileAnswer(body: XMLBuilder, answer: DocumentFileAnswer): void {
  const root = qualified(ns)(body, OPERATION.getDocumentFile.response);
  if (answer.status === 'success') {
    appendOrdered(root, ns, 'getDocumentFileResponse', {
      status: STATUS.success,
      localUid: answer.localUid,
      file: Buffer.from(answer.file).toString('base64'),
    });
  } else {
    appendOrdered(root, ns, 'getDocumentFileResponse', { status: STATUS.error });
    writeErrorItems(root, ns, answer.errors);
  }
}

export function readDocumentFileAnswer(payload: Element): DocumentFileAnswer {
  const { status, errors } = readStatus(payload);
  const file = childText(payload, 'file');
  if (status !== STATUS.success || file === undefined) {
    return { status: 'error', errors };
  }
  return { status: 'success', localUid: childText(payload, 'localUid') ?? '', file: new Uint8Array(Buffer.from(file, 'base64')) };
}
