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
    }
  });
}

const ownUi = (event: Event): boolean => event.composedPath().some((node) => (node as Element).localName?.startsWith?.('egisz-'));
