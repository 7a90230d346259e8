import { browser } from 'wxt/browser';
import type { BackgroundPush, ContentToBackground } from '../../messaging/runtime-messages.ts';
import { FormOverlay } from '../../overlay/form-overlay.ts';
import { mountMark, mountPanel } from '../../overlay/shadow-hosts.tsx';
import '../../overlay/overlay.css';
import { builtinProfiles } from '../../scrape/builtin-profiles.ts';
import { chooseProfile } from '../../scrape/choose-profile.ts';
import { extjsQueries } from '../../scrape/scrape-record.ts';
import { loadUserProfiles, saveUserProfile, setSiteDisabled } from '../../scrape/site-settings.ts';
import { tabDocuments } from '../../scrape/tab-documents.ts';

// Injected by the background only into the frame whose form detector found a
// profile or a convincing patient form: it carries the validators and their
// dictionaries, too heavy for every page. It covers that frame and every
// same-origin frame below it.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const docs = (): Document[] => tabDocuments(window);
    // Injected again while the first copy is still mounting (the panel is not there yet): one overlay per frame.
    const world = globalThis as { egiszOverlayStarted?: boolean };
    if (world.egiszOverlayStarted || docs().some((doc) => doc.querySelector('egisz-panel'))) return;
    world.egiszOverlayStarted = true;
    const profile = chooseProfile(docs(), await loadUserProfiles().catch(() => []), builtinProfiles);
    if (!profile) {
      world.egiszOverlayStarted = false;
      return;
    }
    const send = (message: ContentToBackground): Promise<unknown> => browser.runtime.sendMessage(message);
    // ExtJS values live in the page's world: the background puts the read-only reader there first.
    if (extjsQueries(profile).length > 0) await send({ type: 'page-reader-needed' }).catch(() => undefined);
    const disable = new AbortController();
    const overlay = new FormOverlay(docs, profile, {
      mountMark: (field) => mountMark(ctx, field),
      mountPanel: (doc) => mountPanel(ctx, doc),
      send,
      saveProfile: saveUserProfile,
      async disableSite() {
        await setSiteDisabled(location.hostname, true);
        disable.abort();
      },
    });
    browser.runtime.onMessage.addListener((message: unknown) => {
      if (isPush(message)) overlay.receive(message);
    });
    const signal = AbortSignal.any([ctx.signal, disable.signal]);
    signal.addEventListener('abort', () => {
      docs().forEach((doc) => doc.querySelectorAll('egisz-mark, egisz-panel').forEach((host) => host.remove()));
      world.egiszOverlayStarted = false;
    });
    await overlay.start(signal);
  },
});

function isPush(message: unknown): message is BackgroundPush {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'job-update' || type === 'job-cancelled';
}
