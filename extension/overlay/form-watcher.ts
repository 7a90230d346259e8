/** Our own hosts: adding or removing them must not wake the watcher. */
const OWN_TAGS = new Set(['egisz-mark', 'egisz-panel', 'egisz-pick']);
/** Re-renders come in bursts; one look after the burst is enough. */
export const REBIND_DELAY_MS = 100;

/**
 * Calls `onChange` once after a burst of changes that may have moved the
 * form's fields or changed their values behind our back:
 * - DOM changes (a re-rendered form, fields that arrive late), through one MutationObserver;
 * - clicks and focus leaving a control, after which MIS scripts often fill fields
 *   without firing input events (a patient picked from a list, say).
 * Nothing polls.
 */
export function watchForm(doc: Document, onChange: () => void, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    timer ??= setTimeout(() => {
      timer = undefined;
      onChange();
    }, REBIND_DELAY_MS);
  };
  const observer = new MutationObserver((records) => {
    if (!records.every(isOwnChange)) soon();
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  doc.addEventListener('click', soon, { capture: true, signal });
  doc.addEventListener('focusout', soon, { capture: true, signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
}

function isOwnChange(record: MutationRecord): boolean {
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.every((node) => OWN_TAGS.has(node.nodeName.toLowerCase()) || node.nodeType === Node.TEXT_NODE);
}
