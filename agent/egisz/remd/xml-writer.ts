/**
 * Writing REMD elements in the order the contract lists (remd-contract.ts ORDER),
 * so that correcting the order there corrects every message.
 */
import type { create } from 'xmlbuilder2';
import { LIST_ITEM, NS, ORDER, PREFIX } from './remd-contract.ts';
import type { FieldOf, OrderedElement } from './remd-contract.ts';
import { xmlText } from '../../xml/xml-text.ts';

export type XMLBuilder = ReturnType<typeof create>;

/** A field value: text, or a function that fills the child element. */
export type FieldValue = string | ((el: XMLBuilder) => void) | undefined;

export type NamespaceKey = keyof typeof NS;

/** A namespaced element writer bound to one namespace. */
export function qualified(ns: NamespaceKey): (parent: XMLBuilder, name: string) => XMLBuilder {
  return (parent, name) => parent.ele(NS[ns], `${PREFIX[ns]}:${name}`);
}

/** Append the fields of `element` in contract order; absent values are skipped. */
export function appendOrdered<E extends OrderedElement>(
  parent: XMLBuilder,
  ns: NamespaceKey,
  element: E,
  values: Partial<Record<FieldOf<E>, FieldValue>>,
): XMLBuilder {
  const ele = qualified(ns);
  for (const name of ORDER[element] as readonly FieldOf<E>[]) {
    const value = values[name];
    if (value === undefined) continue;
    const child = ele(parent, name);
    if (typeof value === 'string') child.txt(xmlText(value));
    else value(child);
  }
  return parent;
}

/** Fill a wrapper with one <item> per entry. */
export function appendItems<T>(ns: NamespaceKey, items: readonly T[], fill: (item: XMLBuilder, value: T) => void) {
  const ele = qualified(ns);
  return (wrapper: XMLBuilder) => {
    for (const value of items) fill(ele(wrapper, LIST_ITEM), value);
  };
}
