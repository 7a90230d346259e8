import { browser } from 'wxt/browser';
import type { BackgroundPush } from '../../messaging/runtime-messages.ts';
import { FormOverlay } from '../../overlay/form-overlay.ts';
import { mountMark, mountPanel } from '../../overlay/shadow-hosts.tsx';
import '../../overlay/overlay.css';
import { builtinProfiles } from '../../scrape/builtin-profiles.ts';
import { matchProfile } from '../../scrape/match-profile.ts';

// Injected by the background only into tabs where form-detector found a profile:
// it carries the validators and their dictionaries, too heavy for every page.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const profile = matchProfile(location.href, builtinProfiles);
    if (!profile || document.querySelector('egisz-panel')) return;
    const overlay = new FormOverlay(document, profile, {
      mountMark: (field) => mountMark(ctx, field),
      mountPanel: (doc) => mountPanel(ctx, doc),
      send: (message) => browser.runtime.sendMessage(message),
    });
    browser.runtime.onMessage.addListener((message: unknown) => {
      if (isPush(message)) overlay.receive(message);
    });
    await overlay.start(ctx.signal);
  },
});

function isPush(message: unknown): message is BackgroundPush {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'job-update' || type === 'job-cancelled';
}
