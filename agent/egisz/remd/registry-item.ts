/**
 * A REMD registry record as returned by getRegistryItem / searchRegistryItem
 * and inside registerDocumentResult (egisz.md §1.3, §1.7).
 */
import { child, childText } from './xml-reader.ts';
import type { Element } from './xml-reader.ts';
import { appendOrdered } from './xml-writer.ts';
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
}

export function writeRegistryItem(parent: XMLBuilder, ns: NamespaceKey, item: RegistryItem): void {
  appendOrdered(parent, ns, 'registryItem', { ...item });
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
  return item;
}

/** The registryItem child of a message, if present. */
export const readRegistryItemChild = (parent: Element | undefined) => readRegistryItem(child(parent, 'registryItem'));
