import { browser } from 'wxt/browser';

/**
 * «Диагностика» from the popup or the options page. From the popup it hands
 * the active tab's address in the fragment (it never leaves the browser), so
 * the page can tell whether that MIS site has a profile or is switched off.
 */
export function DiagnosticsLink({ withActiveTab = false }: { withActiveTab?: boolean }) {
  const open = async (event: Event): Promise<void> => {
    event.preventDefault();
    const [tab] = withActiveTab ? await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []) : [];
    const site = tab?.url && /^https?:/.test(tab.url) ? `#site=${encodeURIComponent(tab.url)}` : '';
    await browser.tabs.create({ url: browser.runtime.getURL(`/diagnostics.html${site}` ) });
  };
  return (
    <p>
      <a href="/diagnostics.html" target="_blank" data-egisz-action="open-diagnostics" onClick={(e) => void open(e)}>
        Диагностика: агент не найден, токен не виден, документы не уходят
      </a>
    </p>
  );
}
