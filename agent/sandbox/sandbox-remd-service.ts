/**
 * The sandbox's REMD SOAP operations (POST /sandbox/remd): registerDocument
 * with REMD's synchronous checks, getRegistryItem and searchRegistryItem.
 * Each returns the answer to send; the router decides whether it is sent
 * (a fault switch may lose it). Stage 2 of a registration goes to `accept`.
 */
import { ACTION, ADDRESSING_ANONYMOUS, OPERATION } from '../egisz/remd/remd-contract.ts';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import { writeStatusResponse } from '../egisz/remd/remd-error-items.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import { readRegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import {
  readGetRegistryItemRequest, readSearchRequest, writeGetRegistryItemAnswer, writeSearchAnswer,
} from '../egisz/remd/registry-query.ts';
import { buildEnvelope, buildFault, newMessageId } from '../egisz/remd/soap-envelope.ts';
import type { ParsedEnvelope } from '../egisz/remd/soap-envelope.ts';
import type { Element } from '../egisz/remd/xml-reader.ts';
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

/** An HTTP status and the SOAP envelope to answer with. */
export interface SoapAnswer {
  status: number;
  xml: string;
}

type Reply = (action: string, body: (b: XMLBuilder) => void) => SoapAnswer;

export function handleRemdOperation(envelope: ParsedEnvelope, deps: RemdServiceDeps): SoapAnswer {
  const { payload, headers } = envelope;
  const reply: Reply = (action, body) => ({
    status: 200,
    xml: buildEnvelope({ messageId: newMessageId(), action, relatesTo: headers.messageId, body }),
  });
  const name = payload?.localName;
  if (payload && name === OPERATION.registerDocument.request) return registerDocument(envelope, payload, deps, reply);
  const systemErrors = checkSystem(deps.dataset, headers.clientEntityId);
  const clientEntityId = headers.clientEntityId ?? '';
  if (payload && name === OPERATION.getRegistryItem.request) {
    const emdrId = readGetRegistryItemRequest(payload) ?? '';
    const entry = systemErrors.length ? undefined : deps.registry.byEmdrId(emdrId, clientEntityId);
    const errors = systemErrors.length ? systemErrors : [remdError('REGISTRY_ITEM_NOT_FOUND', `emdrId [${emdrId}]`)];
    return reply(`${ACTION.getRegistryItem}Response`, (b) =>
      writeGetRegistryItemAnswer(b, entry ? { status: 'found', item: toRegistryItem(entry) } : { status: 'error', errors }),
    );
  }
  if (payload && name === OPERATION.searchRegistryItem.request) {
    const items = deps.registry.search(readSearchRequest(payload), clientEntityId).map(toRegistryItem);
    return reply(`${ACTION.searchRegistryItem}Response`, (b) =>
      writeSearchAnswer(b, systemErrors.length ? { status: 'error', errors: systemErrors } : { status: 'success', items }),
    );
  }
  return { status: 400, xml: buildFault({ code: 'Sender', reason: `Неизвестная операция [${name ?? ''}]`, relatesTo: headers.messageId }) };
}

function registerDocument(envelope: ParsedEnvelope, payload: Element, deps: RemdServiceDeps, reply: Reply): SoapAnswer {
  const answer = (errors: RemdErrorItem[]) =>
    reply(`${ACTION.registerDocument}Response`, (b) => writeStatusResponse(b, OPERATION.registerDocument.ns, OPERATION.registerDocument.response, errors));
  const { clientEntityId, messageId, replyTo } = envelope.headers;
  const systemErrors = checkSystem(deps.dataset, clientEntityId);
  if (systemErrors.length || !clientEntityId) return answer(systemErrors);
  const addressing: RemdErrorItem[] = [];
  if (!messageId) addressing.push(remdError('VALIDATION_ERROR', 'Не указан заголовок MessageID'));
  if (!replyTo || replyTo === ADDRESSING_ANONYMOUS) addressing.push(remdError('VALIDATION_ERROR', 'Не указан адрес ReplyTo для асинхронного ответа'));
  const read = readRegisterDocumentRequest(payload);
  const errors = [...addressing, ...checkRequest(deps.dataset, clientEntityId, read, deps.now())];
  if (errors.length || !messageId || !replyTo) return answer(errors);
  if (!deps.registry.claim(read.request.localUid)) {
    return answer([remdError('NOT_UNIQUE_PROVIDED_ID', `localUid [${read.request.localUid}]`)]);
  }
  const documentFileUrl = deps.documentFileUrlFor?.(clientEntityId) ?? findSystem(deps.dataset, clientEntityId)?.documentFileUrl ?? '';
  deps.accept({ messageId, clientEntityId, replyTo, documentFileUrl, request: read.request });
  return answer([]);
}
