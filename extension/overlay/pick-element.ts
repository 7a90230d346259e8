/**
 * The mapper's click: the next click on the page (in any of the form's
 * documents) picks an element instead of acting. The page never sees that
 * click; Escape or the panel's «Отмена» aborts. Our own UI is not pickable.
 */
export function pickElement(docs: readonly Document[], signal: AbortSignal): Promise<Element> {
  return new Promise((resolve, reject) => {
    const done = new AbortController();
    const finish = (): void => done.abort();
    signal.addEventListener('abort', () => {
      finish();
      reject(new Error('picking cancelled'));
    }, { once: true });
    const onClick = (event: Event): void => {
      const target = event.composedPath()[0] as Element | undefined;
      if (!target || target.nodeType !== 1 || ownUi(event)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      finish();
      resolve(target);
    };
    const swallow = (event: Event): void => {
      if (!ownUi(event)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    };
    const highlight = new PickHighlight(done.signal);
    const onHover = (event: Event): void => {
      const target = event.composedPath()[0] as Element | undefined;
      if (target?.nodeType === 1 && !ownUi(event)) highlight.show(target);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      finish();
      reject(new Error('picking cancelled'));
    };
    for (const doc of docs) {
      const options = { capture: true, signal: done.signal };
      doc.addEventListener('click', onClick, options);
      // A select or a link must not open on the picking press.
      doc.addEventListener('mousedown', swallow, options);
      doc.addEventListener('keydown', onKey, options);
      doc.addEventListener('mouseover', onHover, options);
    }
  });
}

const ownUi = (event: Event): boolean => event.composedPath().some((node) => (node as Element).localName?.startsWith?.('egisz-'));

/**
 * An outline over the element under the pointer while picking, so the user
 * sees what a click will take. One fixed box per document, in a shadow root,
 * ignoring the pointer; gone when picking ends.
 */
class PickHighlight {
  private readonly boxes = new Map<Document, HTMLElement>();

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.boxes.forEach((box) => box.remove()), { once: true });
  }

  show(target: Element): void {
    const box = this.boxFor(target.ownerDocument);
    const rect = target.getBoundingClientRect();
    box.style.cssText =
      `position:fixed;z-index:2147483647;pointer-events:none;box-sizing:border-box;border:2px solid #0969da;` +
      `background:rgba(9,105,218,.08);left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px`;
  }

  private boxFor(doc: Document): HTMLElement {
    let box = this.boxes.get(doc);
    if (!box) {
      box = doc.createElement('egisz-pick');
      box.attachShadow({ mode: 'open' });
      (doc.body ?? doc.documentElement).append(box);
      this.boxes.set(doc, box);
    }
    return box;
  }
}
