/**
 * The `status` + `errors/item{code,message}` shape shared by REMD answers
 * (egisz.md §1.6) and by our getDocumentFile answers.
 */
import { STATUS } from './remd-contract.ts';
import { childText, listItems } from './xml-reader.ts';
import type { Element } from './xml-reader.ts';
import { appendItems, appendOrdered, qualified } from './xml-writer.ts';
import type { NamespaceKey, XMLBuilder } from './xml-writer.ts';

/** One REMD error: an NSI 305 code (or a code REMD invented) and its Russian text. */
export interface RemdErrorItem {
  code: string;
  message: string;
}

/** Write <errors><item><code/><message/></item>…</errors> under `parent`. */
export function writeErrorItems(parent: XMLBuilder, ns: NamespaceKey, errors: readonly RemdErrorItem[]): void {
  appendOrdered(parent, ns, 'statusResponse', {
    errors: appendItems(ns, errors, (item, e) => appendOrdered(item, ns, 'error', { code: e.code, message: e.message })),
  });
}

export function readErrorItems(parent: Element | undefined): RemdErrorItem[] {
  return listItems(parent, 'errors').map((item) => ({
    code: childText(item, 'code') ?? 'UNKNOWN',
    message: childText(item, 'message') ?? '',
  }));
}

export interface StatusAnswer {
  status: string;
  errors: RemdErrorItem[];
}

/** Read `status` and `errors`; an answer with errors but no status counts as an error. */
export function readStatus(payload: Element | undefined): StatusAnswer {
  const errors = readErrorItems(payload);
  const status = childText(payload, 'status') ?? (errors.length ? STATUS.error : STATUS.success);
  return { status, errors };
}

/** A whole `<response><status/><errors/></response>` element, e.g. registerDocumentResponse. */
export function writeStatusResponse(body: XMLBuilder, ns: NamespaceKey, element: string, errors: readonly RemdErrorItem[]): void {
  const root = qualified(ns)(body, element);
  appendOrdered(root, ns, 'statusResponse', { status: errors.length ? STATUS.error : STATUS.success });
  if (errors.length) writeErrorItems(root, ns, errors);
}
