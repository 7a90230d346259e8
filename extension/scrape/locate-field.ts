import type { FieldLocator, FieldReading } from './site-profile.ts';

/** The page element a locator points at, or null when the page lacks it. */
export function locateField(doc: Document, locator: FieldLocator): Element | null {
  if ('selector' in locator) return doc.querySelector(locator.selector);
  return controlByLabel(doc, locator.label);
}

/** A label's control: its `for` target, else a control nested in it. */
function controlByLabel(doc: Document, text: string): Element | null {
  const wanted = labelKey(text);
  for (const label of doc.querySelectorAll('label')) {
    if (labelKey(label.textContent ?? '') !== wanted) continue;
    const target = label.htmlFor ? doc.getElementById(label.htmlFor) : label.querySelector('input, select, textarea');
    if (target) return target;
  }
  return null;
}

/** Labels compare without case, extra spaces or a trailing colon or asterisk. */
function labelKey(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\s:*]+$/, '').trim().toLowerCase();
}

/** The raw text of an element as the reading asks: a control's current value or visible text. */
export function readElement(element: Element, reading: FieldReading): string {
  if (reading === 'value' && isControl(element)) return element.value;
  return element.textContent ?? '';
}

export function isControl(element: Element): element is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
}
