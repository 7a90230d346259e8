/**
 * Reading SOAP/XML with @xmldom/xmldom. Children inside a REMD message are
 * matched by local name only: the official schema may qualify them or not [?],
 * and we would rather read both than reject a valid answer.
 */
import { DOMParser } from '@xmldom/xmldom';
import './xmldom-regex-cache.ts';
import type { Document, Element } from '@xmldom/xmldom';

export type { Element } from '@xmldom/xmldom';

export class XmlParseError extends Error {
  readonly code = 'XML_NOT_WELL_FORMED';
}

/** Parse text; any parser error or warning about structure is fatal. */
export function parseXml(text: string): Document {
  let problem: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problem ??= message;
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'application/xml');
  } catch (e) {
    throw new XmlParseError((e as Error).message);
  }
  if (problem !== undefined || !doc.documentElement) throw new XmlParseError(problem ?? 'empty document');
  return doc;
}

export function elementChildren(parent: Element): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) out.push(n as Element);
  }
  return out;
}

export function childrenNamed(parent: Element, localName: string): Element[] {
  return elementChildren(parent).filter((e) => e.localName === localName);
}

export function child(parent: Element | undefined, localName: string): Element | undefined {
  return parent ? childrenNamed(parent, localName)[0] : undefined;
}

/** Trimmed text of the first child with this name; undefined when absent or empty. */
export function childText(parent: Element | undefined, localName: string): string | undefined {
  const text = child(parent, localName)?.textContent?.trim();
  return text ? text : undefined;
}

/** The `item` children of a wrapper element such as <errors>. */
export function listItems(parent: Element | undefined, wrapper: string, item = 'item'): Element[] {
  const list = child(parent, wrapper);
  return list ? childrenNamed(list, item) : [];
}

/** The first child element in a namespace, or undefined. */
export function childNs(parent: Element, ns: string, localName: string): Element | undefined {
  return elementChildren(parent).find((e) => e.namespaceURI === ns && e.localName === localName);
}
