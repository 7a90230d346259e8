/**
 * The modular schemas of the newer kinds (174, 185, 186, 148; «ЦНИИОИЗ 2022»
 * XSD with RECORD_TARGET.xsd, AUTHOR.xsd, …) declare the types of the Russian
 * extension elements themselves and reject an xsi:type naming the CDA base
 * type ("CD … is not validly derived"). The older profile of 119 requires
 * that xsi:type. The shared participant writers follow 119; a modular kind
 * passes its document through here before serialising.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { ns } from './cda-parts.ts';

const extensionNamespaces = new Set<string>([ns.identity, ns.address, ns.fias, ns.medService]);

interface DomElement {
  nodeType: number;
  namespaceURI: string | null;
  childNodes: ArrayLike<DomElement>;
  removeAttributeNS(namespace: string, localName: string): void;
  removeAttribute(qualifiedName: string): void;
}

export function untypeExtensions(root: XMLBuilder): void {
  const walk = (el: DomElement): void => {
    if (el.namespaceURI !== null && extensionNamespaces.has(el.namespaceURI)) {
      // xmlbuilder2 stores `xsi:type` given as a plain attribute name without its namespace.
      el.removeAttribute('xsi:type');
      el.removeAttributeNS(ns.xsi, 'type');
    }
    for (const child of Array.from(el.childNodes)) if (child.nodeType === 1) walk(child);
  };
  walk(root.node as unknown as DomElement);
}
