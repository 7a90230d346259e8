/**
 * The element a field mark lives in: a host in the field's own document (a
 * frame, maybe) right after the field, an open shadow root with our styles,
 * and a container to render into. Nothing here touches the page's styles.
 */
import type { BoundField } from '../scrape/scrape-record.ts';

export const MARK_TAG = 'egisz-mark';
/** Nothing of the page's styles is inherited into our roots. */
const RESET = ':host{all:initial !important;}';

/** Right after the field, behind marks already placed there, so marks of one element keep profile order. */
function placeAfter(anchor: Element, host: Element): void {
  let last = anchor;
  while (last.nextElementSibling?.localName === MARK_TAG) last = last.nextElementSibling;
  last.after(host);
}

/** A mark host in the field's own document (a frame, maybe), with its style and a container. */
export function createMarkHost(field: BoundField, css: string): { host: HTMLElement; container: HTMLElement } {
  const doc = field.element.ownerDocument;
  const host = doc.createElement(MARK_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = `${RESET}\n${css}`;
  const container = doc.createElement('div');
  shadow.append(style, container);
  host.dataset.egiszField = field.path;
  host.dataset.egiszState = 'empty';
  placeAfter(field.element, host);
  return { host, container };
}

