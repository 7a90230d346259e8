/**
 * registerDocumentResult: REMD's asynchronous verdict, posted to the ReplyTo
 * of the original registerDocument (egisz.md §1.7).
 */
import { OPERATION, STATUS } from './remd-contract.ts';
import { readErrorItems } from './remd-error-items.ts';
import type { RemdErrorItem } from './remd-error-items.ts';
import { readRegistryItemChild, writeRegistryItem } from './registry-item.ts';
import type { RegistryItem } from './registry-item.ts';
import { childText } from './xml-reader.ts';
import type { Element } from './xml-reader.ts';
import { appendItems, appendOrdered, qualified } from './xml-writer.ts';
import type { XMLBuilder } from './xml-writer.ts';

export interface RegisterDocumentResult {
  /** MessageID of the registerDocument this answers. */
  relatesToMessage: string;
  status: 'success' | 'error';
  localUid: string;
  kind?: string;
  organization?: string;
  /** Present on success. */
  registryItem?: RegistryItem;
  /** Present on error: NSI 305 codes as REMD sent them. */
  errors?: RemdErrorItem[];
}

const ns = OPERATION.registerDocumentResult.ns;

export function writeRegisterDocumentResult(body: XMLBuilder, result: RegisterDocumentResult): void {
  const root = qualified(ns)(body, OPERATION.registerDocumentResult.request);
  appendOrdered(root, ns, 'registerDocumentResult', {
    relatesToMessage: result.relatesToMessage,
    status: result.status,
    localUid: result.localUid,
    kind: result.kind,
    organization: result.organization,
    registryItem: result.registryItem && ((el) => writeRegistryItem(el, ns, result.registryItem as RegistryItem)),
    errors:
      result.errors &&
      appendItems(ns, result.errors, (item, e) => appendOrdered(item, ns, 'error', { code: e.code, message: e.message })),
  });
}

export class RegisterDocumentResultError extends Error {
  readonly code = 'REMD_RESULT_MALFORMED';
}

/** Read a callback payload; `relatesTo` is the header fallback (seen as an attribute or header too). */
export function readRegisterDocumentResult(payload: Element, relatesTo?: string): RegisterDocumentResult {
  const relatesToMessage = childText(payload, 'relatesToMessage') ?? (payload.getAttribute('relatesToMessage') || relatesTo);
  const localUid = childText(payload, 'localUid');
  const status = childText(payload, 'status');
  if (!relatesToMessage) throw new RegisterDocumentResultError('нет relatesToMessage');
  if (!localUid) throw new RegisterDocumentResultError('нет localUid');
  const registryItem = readRegistryItemChild(payload);
  const errors = readErrorItems(payload);
  const success = status === STATUS.success && registryItem !== undefined && errors.length === 0;
  if (status === STATUS.success && !registryItem) throw new RegisterDocumentResultError('status success без registryItem');
  const result: RegisterDocumentResult = { relatesToMessage, status: success ? 'success' : 'error', localUid };
  const kind = childText(payload, 'kind');
  const organization = childText(payload, 'organization');
  if (kind) result.kind = kind;
  if (organization) result.organization = organization;
  if (success) result.registryItem = registryItem;
  else result.errors = errors;
  return result;
}
