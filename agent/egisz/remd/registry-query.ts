/**
 * getRegistryItem (by registry number) and searchRegistryItem (by organization,
 * kind, dates, patient): how a MIS finds out what REMD holds, e.g. when a
 * callback never came (egisz.md §1.3).
 */
import { LIST_ITEM, OPERATION, STATUS } from './remd-contract.ts';
import { readStatus, writeErrorItems } from './remd-error-items.ts';
import type { RemdErrorItem } from './remd-error-items.ts';
import { readRegistryItem, readRegistryItemChild, writeRegistryItem } from './registry-item.ts';
import type { RegistryItem } from './registry-item.ts';
import { childText, listItems } from './xml-reader.ts';
import type { Element } from './xml-reader.ts';
import { appendItems, appendOrdered, qualified } from './xml-writer.ts';
import type { XMLBuilder } from './xml-writer.ts';

export interface RegistrySearchQuery {
  /** FRMO OID. */
  organization?: string;
  kind?: string;
  /** YYYY-MM-DD, inclusive. */
  registerDateBegin?: string;
  registerDateEnd?: string;
  patientSnils?: string;
}

export type RegistryItemAnswer = { status: 'found'; item: RegistryItem } | { status: 'error'; errors: RemdErrorItem[] };
export type RegistrySearchAnswer = { status: 'success'; items: RegistryItem[] } | { status: 'error'; errors: RemdErrorItem[] };

const nsGet = OPERATION.getRegistryItem.ns;
const nsSearch = OPERATION.searchRegistryItem.ns;

export function writeGetRegistryItemRequest(body: XMLBuilder, emdrId: string): void {
  appendOrdered(qualified(nsGet)(body, OPERATION.getRegistryItem.request), nsGet, 'getRegistryItemRequest', { emdrId });
}

export const readGetRegistryItemRequest = (payload: Element): string | undefined => childText(payload, 'emdrId');

export function writeSearchRequest(body: XMLBuilder, query: RegistrySearchQuery): void {
  appendOrdered(qualified(nsSearch)(body, OPERATION.searchRegistryItem.request), nsSearch, 'searchRegistryItemRequest', { ...query });
}

export function readSearchRequest(payload: Element): RegistrySearchQuery {
  const query: RegistrySearchQuery = {};
  for (const name of ['organization', 'kind', 'registerDateBegin', 'registerDateEnd', 'patientSnils'] as const) {
    const v = childText(payload, name);
    if (v !== undefined) query[name] = v;
  }
  return query;
}

export function writeGetRegistryItemAnswer(body: XMLBuilder, answer: RegistryItemAnswer): void {
  const root = qualified(nsGet)(body, OPERATION.getRegistryItem.response);
  if (answer.status === 'found') {
    appendOrdered(root, nsGet, 'getRegistryItemResponse', {
      status: STATUS.success,
      registryItem: (el) => writeRegistryItem(el, nsGet, answer.item),
    });
  } else {
    appendOrdered(root, nsGet, 'getRegistryItemResponse', { status: STATUS.error });
    writeErrorItems(root, nsGet, answer.errors);
  }
}

export function readGetRegistryItemAnswer(payload: Element): RegistryItemAnswer {
  const { status, errors } = readStatus(payload);
  const item = readRegistryItemChild(payload);
  return status === STATUS.success && item ? { status: 'found', item } : { status: 'error', errors };
}

export function writeSearchAnswer(body: XMLBuilder, answer: RegistrySearchAnswer): void {
  const root = qualified(nsSearch)(body, OPERATION.searchRegistryItem.response);
  if (answer.status === 'success') {
    appendOrdered(root, nsSearch, 'searchRegistryItemResponse', {
      status: STATUS.success,
      matches: appendItems(nsSearch, answer.items, (el, item) => writeRegistryItem(el, nsSearch, item)),
    });
  } else {
    appendOrdered(root, nsSearch, 'searchRegistryItemResponse', { status: STATUS.error });
    writeErrorItems(root, nsSearch, answer.errors);
  }
}

export function readSearchAnswer(payload: Element): RegistrySearchAnswer {
  const { status, errors } = readStatus(payload);
  if (status !== STATUS.success) return { status: 'error', errors };
  const items = listItems(payload, 'matches', LIST_ITEM)
    .map(readRegistryItem)
    .filter((i): i is RegistryItem => i !== undefined);
  return { status: 'success', items };
}
