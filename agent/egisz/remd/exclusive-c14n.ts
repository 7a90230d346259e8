/**
 * Exclusive XML Canonicalization 1.0 without comments
 * (http://www.w3.org/2001/10/xml-exc-c14n#), for an element and its subtree,
 * with an empty InclusiveNamespaces PrefixList — what WS-Security references
 * and SignedInfo use at IPS (egisz.md §1.2).
 *
 * A namespace is rendered on an element only where the element or one of its
 * attributes uses it and the nearest rendering ancestor did not already
 * render the same binding; so a subtree canonicalizes the same wherever the
 * declarations happen to sit in the document.
 */
import type { Element, Node } from '@xmldom/xmldom';

export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export function canonicalize(apex: Element): string {
  const out: string[] = [];
  renderElement(apex, new Map(), out);
  return out.join('');
}

function renderElement(el: Element, rendered: ReadonlyMap<string, string>, out: string[]): void {
  const qname = el.prefix ? `${el.prefix}:${el.localName}` : (el.localName ?? el.nodeName);
  const attributes: Attr[] = [];
  const utilized = new Map<string, string>([[el.prefix ?? '', el.namespaceURI ?? '']]);
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (!a || a.namespaceURI === XMLNS_NS) continue;
    attributes.push(a as unknown as Attr);
    if (a.prefix && a.namespaceURI !== XML_NS) utilized.set(a.prefix, a.namespaceURI ?? '');
  }
  const declarations = [...utilized]
    .filter(([prefix, uri]) => needsDeclaration(prefix, uri, rendered))
    .sort(([a], [b]) => compare(a, b));
  const inScope = new Map(rendered);
  out.push('<', qname);
  for (const [prefix, uri] of declarations) {
    inScope.set(prefix, uri);
    out.push(prefix ? ` xmlns:${prefix}="` : ' xmlns="', escapeAttribute(uri), '"');
  }
  attributes.sort((a, b) => compare(a.namespaceURI ?? '', b.namespaceURI ?? '') || compare(a.localName, b.localName));
  for (const a of attributes) out.push(' ', a.prefix ? `${a.prefix}:${a.localName}` : a.localName, '="', escapeAttribute(a.value), '"');
  out.push('>');
  for (let n = el.firstChild; n; n = n.nextSibling) renderChild(n, inScope, out);
  out.push('</', qname, '>');
}

/** An unprefixed element in no namespace needs xmlns="" only under a rendered default namespace. */
function needsDeclaration(prefix: string, uri: string, rendered: ReadonlyMap<string, string>): boolean {
  if (prefix === 'xml') return false;
  if (prefix === '' && uri === '') return (rendered.get('') ?? '') !== '';
  return rendered.get(prefix) !== uri;
}

function renderChild(node: Node, inScope: ReadonlyMap<string, string>, out: string[]): void {
  switch (node.nodeType) {
    case 1:
      return renderElement(node as Element, inScope, out);
    case 3: // text
    case 4: // CDATA is replaced by its characters
      out.push(escapeText(node.nodeValue ?? ''));
      return;
    case 7: {
      const data = node.nodeValue ?? '';
      out.push('<?', node.nodeName, data ? ` ${data}` : '', '?>');
      return;
    }
    default: // comments are dropped (the #WithComments variant is not used)
  }
}

interface Attr {
  prefix: string | null;
  localName: string;
  namespaceURI: string | null;
  value: string;
}

/** Code point order, as the recommendation asks (the strings here are BMP in practice). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const escapeText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');

const escapeAttribute = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
