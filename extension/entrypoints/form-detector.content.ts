import { browser } from 'wxt/browser';
import type { ContentToBackground } from '../messaging/runtime-messages.ts';
import { builtinProfiles } from '../scrape/builtin-profiles.ts';
import { chooseProfile } from '../scrape/choose-profile.ts';
import { loadDisabledSites, loadUserProfiles } from '../scrape/site-settings.ts';
import type { SiteProfile } from '../scrape/site-profile.ts';
import { isCoveredByParent, tabDocuments } from '../scrape/tab-documents.ts';

/** A burst of DOM changes is looked at once, this long after it settles. */
const SETTLE_MS = 400;
const LOAD_WAIT_MS = 3000;

// Runs in every frame of every web page, because an MIS may live on any
// intranet host. It stays silent (no UI, no message) unless a site profile
// matches or label detection finds a patient form; then the background injects
// the overlay. Frames a same-origin parent can read are left to that parent.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  noScriptStartedPostMessage: true,
  async main(ctx) {
    if (isCoveredByParent(window)) return;
    const [disabled, user] = await Promise.all([loadDisabledSites(), loadUserProfiles()]).catch((): [string[], SiteProfile[]] => [[], []]);
    if (disabled.includes(location.hostname)) return;
    const look = (): boolean => {
      if (!chooseProfile(tabDocuments(window), user, builtinProfiles)) return false;
      void browser.runtime.sendMessage({ type: 'overlay-needed' } satisfies ContentToBackground).catch(() => undefined);
      return true;
    };
    // Frames of a frameset are there at `load`; a page that never finishes loading gets a look anyway.
    if (document.readyState !== 'complete') {
      await new Promise((done) => {
        window.addEventListener('load', done, { once: true });
        setTimeout(done, LOAD_WAIT_MS);
      });
    }
    if (ctx.isInvalid || look()) return;
    watchForForms(look, ctx.signal);
  },
});

/**
 * SPAs render forms late and change routes without loading a page: one
 * MutationObserver, woken only by added form controls or frames, looks again
 * after the burst and stops once the overlay is up.
 */
function watchForForms(look: () => boolean, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((records) => {
    if (timer || !records.some(addsControls)) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (look()) observer.disconnect();
    }, SETTLE_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // A frame that loads another page (a legacy MIS menu → form) fires `load` on its element.
  const onFrameLoad = (event: Event): void => {
    const target = event.target as Element | null;
    if (!timer && target?.localName?.endsWith('frame')) timer = setTimeout(() => {
      timer = undefined;
      if (look()) observer.disconnect();
    }, SETTLE_MS);
  };
  document.addEventListener('load', onFrameLoad, { capture: true, signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
}

const CONTROLS = 'input, select, textarea, iframe, frame';

function addsControls(record: MutationRecord): boolean {
  for (const node of record.addedNodes) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (element.matches(CONTROLS) || element.querySelector(CONTROLS)) return true;
  }
  return false;
}
