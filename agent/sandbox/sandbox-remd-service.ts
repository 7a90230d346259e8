/**
 * The sandbox's REMD SOAP endpoint (POST /sandbox/remd): registerDocument with
 * REMD's synchronous checks, getRegistryItem and searchRegistryItem. Stage 2
 * of a registration is handed to `accept`, which runs it in the background.
 */
import type { Response } from 'express';
import { ACTION, ADDRESSING_ANONYMOUS, OPERATION } from '../egisz/remd/remd-contract.ts';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import { writeStatusResponse } from '../egisz/remd/remd-error-items.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import { readRegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import {
  readGetRegistryItemRequest, readSearchRequest, writeGetRegistryItemAnswer, writeSearchAnswer,
} from '../egisz/remd/registry-query.ts';
import { buildEnvelope, newMessageId } from '../egisz/remd/soap-envelope.ts';
import type { ParsedEnvelope } from '../egisz/remd/soap-envelope.ts';
import { sendFault, sendSoap } from '../egisz/remd/soap-http.ts';
import type { XMLBuilder } from '../egisz/remd/xml-writer.ts';
import { findSystem } from './federal-dataset.ts';
import type { FederalDataset } from './federal-dataset.ts';
import type { Registration } from './registration-process.ts';
import { toRegistryItem } from './sandbox-registry.ts';
import type { SandboxRegistry } from './sandbox-registry.ts';
import { checkRequest, checkSystem } from './stage-one-checks.ts';

export interface RemdServiceDeps {
  dataset: FederalDataset;
  registry: SandboxRegistry;
  now: () => Date;
  documentFileUrlFor?: (clientEntityId: string) => string | undefined;
  /** Start stage 2 of an accepted registration. */
  accept: (registration: Registration) => void;
}

export function handleRemdOperation(envelope: ParsedEnvelope, res: Response, deps: RemdServiceDeps): void {
  const name = envelope.payload?.localName;
  const reply = (action: string, body: (b: XMLBuilder) => void) =>
    sendSoap(res, 200, buildEnvelope({ messageId: newMessageId(), action, relatesTo: envelope.headers.messageId, body }));
  if (name === OPERATION.registerDocument.request) return registerDocument(envelope, deps, reply);
  const systemErrors = checkSystem(deps.dataset, envelope.headers.clientEntityId);
  const clientEntityId = envelope.headers.clientEntityId ?? '';
  if (name === OPERATION.getRegistryItem.request && envelope.payload) {
    const emdrId = readGetRegistryItemRequest(envelope.payload) ?? '';
    const entry = systemErrors.length ? undefined : deps.registry.byEmdrId(emdrId, clientEntityId);
    const errors = systemErrors.length ? systemErrors : [remdError('REGISTRY_ITEM_NOT_FOUND', `emdrId [${emdrId}]`)];
    return reply(`${ACTION.getRegistryItem}Response`, (b) =>
      writeGetRegistryItemAnswer(b, entry ? { status: 'found', item: toRegistryItem(entry) } : { status: 'error', errors }),
    );
  }
  if (name === OPERATION.searchRegistryItem.request && envelope.payload) {
    const query = readSearchRequest(envelope.payload);
    const items = deps.registry.search(query, clientEntityId).map(toRegistryItem);
    return reply(`${ACTION.searchRegistryItem}Response`, (b) =>
      writeSearchAnswer(b, systemErrors.length ? { status: 'error', errors: systemErrors } : { status: 'success', items }),
    );
  }
  sendFault(res, { code: 'Sender', reason: `Неизвестная операция [${name ?? ''}]`, relatesTo: envelope.headers.messageId });
}

function registerDocument(envelope: ParsedEnvelope, deps: RemdServiceDeps, reply: (a: string, b: (b: XMLBuilder) => void) => void): void {
  const answer = (errors: RemdErrorItem[]) =>
    reply(`${ACTION.registerDocument}Response`, (b) => writeStatusResponse(b, 'service', OPERATION.registerDocument.response, errors));
  const { clientEntityId, messageId, replyTo } = envelope.headers;
  const systemErrors = checkSystem(deps.dataset, clientEntityId);
  if (systemErrors.length || !clientEntityId) return answer(systemErrors);
  const addressing: RemdErrorItem[] = [];
  if (!messageId) addressing.push(remdError('VALIDATION_ERROR', 'Не указан заголовок MessageID'));
  if (!replyTo || replyTo === ADDRESSING_ANONYMOUS) addressing.push(remdError('VALIDATION_ERROR', 'Не указан адрес ReplyTo для асинхронного ответа'));
  const read = readRegisterDocumentRequest(envelope.payload as NonNullable<typeof envelope.payload>);
  const errors = [...addressing, ...checkRequest(deps.dataset, clientEntityId, read, deps.now())];
  if (errors.length || !messageId || !replyTo) return answer(errors);
  if (!deps.registry.claim(read.request.localUid)) {
    return answer([remdError('NOT_UNIQUE_PROVIDED_ID', `localUid [${read.request.localUid}]`)]);
  }
  const documentFileUrl = deps.documentFileUrlFor?.(clientEntityId) ?? findSystem(deps.dataset, clientEntityId)?.documentFileUrl ?? '';
  answer([]);
  deps.accept({ messageId, clientEntityId, replyTo, documentFileUrl, request: read.request });
}

