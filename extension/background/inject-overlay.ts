import { browser } from 'wxt/browser';

/** Built from entrypoints/overlay.content (registration: 'runtime'). */
const OVERLAY_SCRIPT = '/content-scripts/overlay.js';

/** Puts the overlay into the frame whose form detector asked; the overlay itself refuses to run twice. */
export async function injectOverlay(tab: { tabId: number; frameId: number }): Promise<{ ok: true }> {
  await browser.scripting.executeScript({
    target: { tabId: tab.tabId, frameIds: [tab.frameId] },
    files: [OVERLAY_SCRIPT],
  });
  return { ok: true };
}
