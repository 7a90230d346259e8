/**
 * A REMD registry record as returned by getRegistryItem / searchRegistryItem
 * and inside registerDocumentResult (egisz.md §1.3, §1.7).
 */
import type { RemdErrorItem } from './remd-error-items.ts';
import { child, childText, listItems } from './xml-reader.ts';
import type { Element } from './xml-reader.ts';
import { appendItems, appendOrdered } from './xml-writer.ts';
import type { NamespaceKey, XMLBuilder } from './xml-writer.ts';

export interface RegistryItem {
  /** Registry number, region.kind.yy.mm.serial, e.g. 77.119.26.11.000001. */
  emdrId: string;
  localUid?: string;
  kind?: string;
  organization?: string;
  documentVersion?: string;
  creationDateTime?: string;
  /** YYYY-MM-DD. */
  registrationDate?: string;
  /** ISO 8601. */
  registrationDateTime?: string;
  storeTillDate?: string;
  patientSnils?: string;
  /** Registered, but with remarks (seen in callbacks): code + message like errors. */
  registrationWarnings?: RemdErrorItem[];
}

export function writeRegistryItem(parent: XMLBuilder, ns: NamespaceKey, item: RegistryItem): void {
  const { registrationWarnings, ...fields } = item;
  appendOrdered(parent, ns, 'registryItem', {
    ...fields,
    registrationWarnings:
      registrationWarnings?.length ?
        appendItems(ns, registrationWarnings, (el, w) => appendOrdered(el, ns, 'error', { code: w.code, message: w.message }))
      : undefined,
  });
}

/** Read the registry item fields of `el`; undefined when it has no emdrId. */
export function readRegistryItem(el: Element | undefined): RegistryItem | undefined {
  const emdrId = childText(el, 'emdrId');
  if (!el || !emdrId) return undefined;
  const item: RegistryItem = { emdrId };
  const fields = [
    'localUid', 'kind', 'organization', 'documentVersion', 'creationDateTime',
    'registrationDate', 'registrationDateTime', 'storeTillDate', 'patientSnils',
  ] as const;
  for (const name of fields) {
    const v = childText(el, name);
    if (v !== undefined) item[name] = v;
  }
  const warnings = listItems(el, 'registrationWarnings').map((w) => ({ code: childText(w, 'code') ?? '', message: childText(w, 'message') ?? '' }));
  if (warnings.length) item.registrationWarnings = warnings;
  return item;
}

/** The registryItem child of a message, if present. */
export const readRegistryItemChild = (parent: Element | undefined) => readRegistryItem(child(parent, 'registryItem'));
