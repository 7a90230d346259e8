/**
 * Where an element sits in a SEMD, written the way findings show it —
 * `/ClinicalDocument/recordTarget/patientRole/id[2]` — so that XSD errors and
 * Schematron findings map to record fields through the same table.
 */
import type { Element, Node } from '@xmldom/xmldom';

/** Positions only where a name repeats among siblings. */
export function locationOf(node: Node): string {
  const steps: string[] = [];
  for (let n: Node | null = node; n && n.nodeType === 1; n = n.parentNode) {
    const el = n as Element;
    const same = (s: Node | null) => s && s.nodeType === 1 && (s as Element).nodeName === el.nodeName;
    let index = 1;
    let count = 1;
    for (let s = el.previousSibling; s; s = s.previousSibling) if (same(s)) index++, count++;
    for (let s = el.nextSibling; s; s = s.nextSibling) if (same(s)) count++;
    steps.unshift(count > 1 ? `${el.nodeName}[${index}]` : el.nodeName);
  }
  return `/${steps.join('/')}`;
}

/** The element at libxml2's positional path (`/` + `*` or `*[n]` steps), if the path has that shape. */
export function elementAtPositions(root: Element, path: string): Element | undefined {
  const steps = path.split('/').slice(1);
  if (steps.length === 0 || steps.some((s) => !/^\*(\[\d+\])?$/.test(s))) return undefined;
  let current: Element | undefined = steps[0] === '*' ? root : undefined;
  for (const step of steps.slice(1)) {
    if (!current) return undefined;
    const index = Number(/\[(\d+)\]/.exec(step)?.[1] ?? '1');
    let seen = 0;
    let next: Element | undefined;
    for (let c = current.firstChild; c && !next; c = c.nextSibling) if (c.nodeType === 1 && ++seen === index) next = c as Element;
    current = next;
  }
  return current;
}
