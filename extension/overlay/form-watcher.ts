/** Our own hosts: adding or removing them must not wake the watcher. */
const OWN_TAGS = new Set(['egisz-mark', 'egisz-panel']);
/** Re-renders come in bursts; one look after the burst is enough. */
export const REBIND_DELAY_MS = 100;

/**
 * Calls `onChange` once after a burst of DOM changes that may have moved the
 * form's fields (a re-rendered form, fields that arrive late). Batched through
 * one MutationObserver; nothing polls.
 */
export function watchForm(doc: Document, onChange: () => void, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((records) => {
    if (timer !== undefined || records.every(isOwnChange)) return;
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, REBIND_DELAY_MS);
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
}

function isOwnChange(record: MutationRecord): boolean {
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.every((node) => OWN_TAGS.has(node.nodeName.toLowerCase()) || node.nodeType === Node.TEXT_NODE);
}
