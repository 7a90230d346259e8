/**
 * Most tests of the official Schematron are a handful of shapes — `count(x)=1`,
 * `@code!=''`, `@codeSystem=['…','…']`, `not(@nullFlavor)`, `code/@code='DGN'`.
 * Those are compiled here to plain JavaScript over the DOM; fontoxpath is kept
 * for everything else. A test that does not match a shape exactly gets null.
 * (XPath general comparisons: an absent attribute compares false both ways.)
 */
import type { Element } from '@xmldom/xmldom';

export type FastTest = (el: Element) => boolean;

type Namespaces = ReadonlyMap<string, string>;

const qname = String.raw`(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*`;
const literal = String.raw`'[^']*'`;
const literals = String.raw`\[\s*${literal}(?:\s*,\s*${literal})*\s*\]`;

interface Name {
  uri: string | null;
  local: string;
}

function resolve(name: string, namespaces: Namespaces, forAttribute: boolean): Name | null {
  const colon = name.indexOf(':');
  if (colon === -1) return { uri: forAttribute ? null : '', local: name };
  const uri = namespaces.get(name.slice(0, colon));
  return uri === undefined ? null : { uri, local: name.slice(colon + 1) };
}

const unquote = (list: string): string[] => [...list.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');

function attribute(el: Element, name: Name): string | null {
  const attr = name.uri === null ? el.getAttributeNode(name.local) : el.getAttributeNodeNS(name.uri, name.local);
  return attr ? attr.value : null;
}

function children(el: Element, name: Name): Element[] {
  const found: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    const child = c as Element;
    if (c.nodeType === 1 && child.localName === name.local && (child.namespaceURI ?? '') === name.uri) found.push(child);
  }
  return found;
}

/** `@a`, `@a!=''`, `@a='x'`, `@a=['x','y']` on one element. */
function attributeTest(expr: string, namespaces: Namespaces): ((el: Element) => boolean) | null {
  const m = new RegExp(String.raw`^@(${qname})\s*(?:(!=|=)\s*(${literal}|${literals}))?$`).exec(expr);
  if (!m || m[1] === undefined) return null;
  const name = resolve(m[1], namespaces, true);
  if (!name) return null;
  const operator = m[2];
  const values = m[3] === undefined ? [] : unquote(m[3]);
  if (operator === undefined) return (el) => attribute(el, name) !== null;
  return (el) => {
    const value = attribute(el, name);
    if (value === null) return false;
    return operator === '=' ? values.includes(value) : values.some((v) => v !== value);
  };
}

function countTest(expr: string, namespaces: Namespaces): FastTest | null {
  const m = new RegExp(String.raw`^count\((${qname})\)\s*(=|>=|<=|<|>)\s*(\d+|\[\s*\d+(?:\s*,\s*\d+)*\s*\])$`).exec(expr);
  if (!m || m[1] === undefined || m[3] === undefined) return null;
  const name = resolve(m[1], namespaces, false);
  if (!name) return null;
  const numbers = [...m[3].matchAll(/\d+/g)].map((n) => Number(n[0]));
  const compare: Record<string, (n: number, v: number) => boolean> = {
    '=': (n, v) => n === v,
    '>=': (n, v) => n >= v,
    '<=': (n, v) => n <= v,
    '<': (n, v) => n < v,
    '>': (n, v) => n > v,
  };
  const op = compare[m[2] ?? ''];
  if (!op) return null;
  return (el) => {
    const n = children(el, name).length;
    return numbers.some((v) => op(n, v));
  };
}

/** `x`, `x/@a…`, `x[@a…]`: some child x (whose attribute) passes. */
function childTest(expr: string, namespaces: Namespaces): FastTest | null {
  const m = new RegExp(String.raw`^(${qname})(?:/(@.+)|\[(@[^\]]+)\])?$`).exec(expr);
  if (!m || m[1] === undefined) return null;
  const name = resolve(m[1], namespaces, false);
  const inner = m[2] ?? m[3];
  const test = inner === undefined ? () => true : attributeTest(inner, namespaces);
  if (!name || !test) return null;
  return (el) => children(el, name).some(test);
}

export function compileTest(expression: string, namespaces: Namespaces): FastTest | null {
  const expr = expression.trim();
  const not = /^not\s*\((.*)\)$/s.exec(expr);
  if (not?.[1] !== undefined && !not[1].includes('(')) {
    const inner = compileTest(not[1], namespaces);
    return inner ? (el) => !inner(el) : null;
  }
  if (/^\.\s*!=\s*''$/.test(expr)) return (el) => (el.textContent ?? '') !== '';
  return attributeTest(expr, namespaces) ?? countTest(expr, namespaces) ?? childTest(expr, namespaces);
}
