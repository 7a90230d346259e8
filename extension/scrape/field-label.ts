/**
 * What a form control is called on the page, found the ways legacy and
 * modern MIS pages label their inputs. Each way has a weight: a <label for>
 * is certain, text that merely stands before the input in its row is less so.
 */

export type LabelSource = 'label-for' | 'label-wrap' | 'aria-labelledby' | 'aria-label' | 'cell-text' | 'adjacent-text' | 'placeholder' | 'title' | 'legend';

export interface ControlLabel {
  text: string;
  source: LabelSource;
  /** How much the source can be trusted, 0..1. */
  weight: number;
}

const WEIGHT: Record<LabelSource, number> = {
  'label-for': 1, 'label-wrap': 0.95, 'aria-labelledby': 0.95, 'aria-label': 0.9,
  'cell-text': 0.8, 'adjacent-text': 0.75, placeholder: 0.65, title: 0.6, legend: 0.55,
};

export const CONTROL_SELECTOR = 'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=checkbox]):not([type=radio]):not([type=image]):not([type=reset]), select, textarea';

/** Labels compare without case, ё, extra spaces, a trailing colon or a required-field asterisk on either side. */
export function labelKey(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/^[\s*]+|[\s:*]+$/g, '').trim().toLowerCase().replace(/ё/g, 'е');
}

/** Per document, `<label for>` texts by id: one query instead of one per control. */
export function labelsFor(doc: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const label of doc.querySelectorAll('label[for]')) {
    const id = label.getAttribute('for');
    if (id && !map.has(id)) map.set(id, label.textContent ?? '');
  }
  return map;
}

/** Every label the control has, best first. */
export function controlLabels(control: Element, forIds: Map<string, string>): ControlLabel[] {
  const found: ControlLabel[] = [];
  const add = (text: string | null | undefined, source: LabelSource): void => {
    const clean = text?.replace(/\s+/g, ' ').trim();
    if (clean && clean.length <= 80) found.push({ text: clean, source, weight: WEIGHT[source] });
  };
  if (control.id) add(forIds.get(control.id), 'label-for');
  const wrap = control.closest('label');
  if (wrap) add(ownText(wrap, control), 'label-wrap');
  const ids = control.getAttribute('aria-labelledby');
  if (ids) add(ids.split(/\s+/).map((id) => control.ownerDocument.getElementById(id)?.textContent ?? '').join(' '), 'aria-labelledby');
  add(control.getAttribute('aria-label'), 'aria-label');
  addPreceding(control, add);
  add(control.getAttribute('placeholder'), 'placeholder');
  add(control.getAttribute('title'), 'title');
  add(control.closest('fieldset')?.querySelector('legend')?.textContent, 'legend');
  return found;
}

/** A wrapping label's text without the text of the control itself (a select's options). */
function ownText(wrap: Element, control: Element): string {
  let text = '';
  for (const node of wrap.childNodes) if (node !== control && !node.contains(control)) text += node.textContent ?? '';
  return text;
}

/**
 * Text that stands before the control: in its own cell, else in the previous
 * cell of the row (layout tables); outside tables, the siblings before it.
 */
function addPreceding(control: Element, add: (text: string | undefined, source: LabelSource) => void): void {
  const before = textBefore(control, control.parentElement);
  if (before) return add(before, 'adjacent-text');
  const cell = control.closest('td, th');
  if (cell) {
    let previous = cell.previousElementSibling;
    while (previous && !previous.textContent?.trim()) previous = previous.previousElementSibling;
    if (previous && !previous.querySelector('input, select, textarea')) add(previous.textContent ?? '', 'cell-text');
    return;
  }
  const parent = control.parentElement;
  if (parent && parent.children.length <= 3) add(textBefore(parent, parent.parentElement), 'adjacent-text');
}

/** Text nodes and text-only elements right before `node` inside `container`, up to the previous control. */
function textBefore(node: Element, container: Element | null): string {
  if (!container) return '';
  let text = '';
  for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) {
    if (sibling.nodeType === 1) {
      const element = sibling as Element;
      // A line break ends the label only once there is text: «Заключение<br><textarea>» keeps its label.
      if (element.localName === 'br') {
        if (text.trim()) break;
        continue;
      }
      if (element.matches('input, select, textarea') || element.querySelector('input, select, textarea')) break;
      if (element.localName.startsWith('egisz-')) continue;
    }
    text = (sibling.textContent ?? '') + text;
    if (text.trim().length > 80) break;
  }
  return text.trim();
}
