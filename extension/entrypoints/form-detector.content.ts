import { browser } from 'wxt/browser';
import type { ContentToBackground } from '../messaging/runtime-messages.ts';
import { builtinProfiles } from '../scrape/builtin-profiles.ts';
import { matchProfile } from '../scrape/match-profile.ts';

// Runs on every web page because an MIS may live on any intranet host. It only
// checks the address against the site profiles: no DOM work, no UI, and no
// message at all unless a profile matches; then the background injects the overlay.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  noScriptStartedPostMessage: true,
  main() {
    if (!matchProfile(location.href, builtinProfiles)) return;
    void browser.runtime.sendMessage({ type: 'overlay-needed' } satisfies ContentToBackground).catch(() => undefined);
  },
});
