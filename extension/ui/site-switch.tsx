import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { loadDisabledSites, setSiteDisabled } from '../scrape/site-settings.ts';

/**
 * The popup's switch for the site in the active tab: the extension can be
 * turned off on a site (and back on) without opening the options page.
 * Takes effect when the page is opened again.
 */
export function SiteSwitch() {
  const [host, setHost] = useState<string>();
  const [disabled, setDisabled] = useState(false);

  useEffect(() => {
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      const url = tab?.url ? new URL(tab.url) : undefined;
      if (!url || !/^https?:$/.test(url.protocol)) return;
      setHost(url.hostname);
      setDisabled((await loadDisabledSites()).includes(url.hostname));
    })().catch(() => undefined);
  }, []);

  if (!host) return null;
  const toggle = async (): Promise<void> => {
    await setSiteDisabled(host, !disabled);
    setDisabled(!disabled);
  };
  return (
    <p class="site-switch">
      {disabled ? `Отключено на ${host}` : `Работает на ${host}`}{' '}
      <button type="button" data-egisz-action="toggle-site" onClick={() => void toggle()}>
        {disabled ? 'Включить' : 'Отключить на этом сайте'}
      </button>
    </p>
  );
}
