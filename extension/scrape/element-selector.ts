/**
 * A CSS selector that finds the same element again after a reload, for the
 * field mapper and for detection. Generated ids (ext-gen123, react-17, uuids)
 * change on every load, so they are never used.
 */
const UNSTABLE_ID = /\d{3,}|^ext-|gen\d|^[a-z]*[-_]?[0-9a-f]{8,}|^:r|^react|^ember|^yui/i;

export const isStableId = (id: string): boolean => id !== '' && !UNSTABLE_ID.test(id);

export function selectorFor(element: Element): string {
  const doc = element.ownerDocument;
  if (isStableId(element.id)) return `#${CSS.escape(element.id)}`;
  const name = element.getAttribute('name');
  if (name && !UNSTABLE_ID.test(name)) {
    const byName = `${element.localName}[name="${name.replace(/["\\]/g, '\\$&')}"]`;
    if (doc.querySelectorAll(byName).length === 1) return byName;
  }
  const steps: string[] = [];
  let node: Element | null = element;
  while (node && node !== doc.body && node !== doc.documentElement) {
    if (node !== element && isStableId(node.id)) {
      steps.unshift(`#${CSS.escape(node.id)}`);
      break;
    }
    steps.unshift(`${node.localName}:nth-of-type(${indexOfType(node)})`);
    node = node.parentElement;
  }
  return steps.join(' > ');
}

function indexOfType(node: Element): number {
  let index = 1;
  for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
    if (sibling.localName === node.localName) index++;
  }
  return index;
}
