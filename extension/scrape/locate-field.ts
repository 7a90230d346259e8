import { CONTROL_SELECTOR, controlLabels, labelKey, labelsFor } from './field-label.ts';
import { readExtjs, type ExtjsReading } from './page-world-bridge.ts';
import { locatorsOf, type FieldLocator, type FieldReading, type FieldRule } from './site-profile.ts';

/** A field found on the page: the element to mark and the raw text read from it. */
export interface Located {
  element: Element;
  raw: string;
  /** The component query when the value came through ExtJS. */
  extjs?: string;
}

/**
 * One document's lookups, built on first need and reused for every rule of a
 * scrape: the label index walks every control once, not once per rule.
 */
export class DocumentLookup {
  readonly doc: Document;
  private labels: Map<string, Element> | undefined;
  private extjs: Map<string, ExtjsReading> | undefined;

  constructor(doc: Document) {
    this.doc = doc;
  }

  byLabel(text: string): Element | null {
    const key = labelKey(text);
    if (!this.labels) {
      // Most labelled forms use <label>: try those before indexing every control of a large page.
      const direct = byLabelElement(this.doc, key);
      if (direct) return direct;
      this.labels = labelIndex(this.doc);
    }
    return this.labels.get(key) ?? null;
  }

  byExtjs(query: string, queries: () => string[]): ExtjsReading | undefined {
    this.extjs ??= readExtjs(this.doc, queries());
    return this.extjs.get(query);
  }
}

/** The first locator of the rule that finds something in the document, read as the rule says. */
export function locateRule(lookup: DocumentLookup, rule: FieldRule, extjsQueries: () => string[]): Located | null {
  for (const locator of locatorsOf(rule)) {
    if ('extjs' in locator) {
      const reading = lookup.byExtjs(locator.extjs, extjsQueries);
      const element = reading?.inputId ? lookup.doc.getElementById(reading.inputId) : null;
      if (reading && element) return { element, raw: rule.read === 'text' ? reading.raw : reading.value, extjs: locator.extjs };
      continue;
    }
    const element = locateField(lookup, locator);
    if (element) return { element, raw: readElement(element, rule.read) };
  }
  return null;
}

/** The page element a DOM locator points at, or null when the page lacks it. */
export function locateField(lookup: DocumentLookup, locator: Exclude<FieldLocator, { extjs: string }>): Element | null {
  if ('selector' in locator) return lookup.doc.querySelector(locator.selector);
  if ('xpath' in locator) return byXpath(lookup.doc, locator.xpath);
  return lookup.byLabel(locator.label);
}

function byXpath(doc: Document, xpath: string): Element | null {
  try {
    const node = doc.evaluate(xpath, doc, null, 9 /* FIRST_ORDERED_NODE_TYPE */, null).singleNodeValue;
    // An XPath may end on a text or attribute node: the element that holds it is what gets read and marked.
    return node === null ? null : node.nodeType === 1 ? (node as Element) : node.parentElement;
  } catch {
    return null;
  }
}

/** The control of a <label> with this text: its `for` target or the control inside it. */
function byLabelElement(doc: Document, key: string): Element | null {
  for (const label of doc.querySelectorAll('label')) {
    if (labelKey(label.textContent ?? '') !== key) continue;
    const target = label.htmlFor ? doc.getElementById(label.htmlFor) : label.querySelector(CONTROL_SELECTOR);
    if (target?.matches(CONTROL_SELECTOR)) return target;
  }
  return null;
}

/** Label keys → the first control carrying that label, by any of the label heuristics. */
function labelIndex(doc: Document): Map<string, Element> {
  const index = new Map<string, Element>();
  const forIds = labelsFor(doc);
  for (const control of doc.querySelectorAll(CONTROL_SELECTOR)) {
    for (const label of controlLabels(control, forIds)) {
      const key = labelKey(label.text);
      if (!index.has(key)) index.set(key, control);
    }
  }
  return index;
}

/** The raw text of an element as the reading asks. */
export function readElement(element: Element, reading: FieldReading): string {
  if (element.tagName === 'SELECT') {
    const option = (element as HTMLSelectElement).selectedOptions[0];
    if (reading === 'option-text' || reading === 'text') return option?.text ?? '';
    return (element as HTMLSelectElement).value;
  }
  if (reading !== 'text' && isControl(element)) return element.value;
  return element.textContent ?? '';
}

export function isControl(element: Element): element is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
}
