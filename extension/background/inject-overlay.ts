import { browser } from 'wxt/browser';

/** Built from entrypoints/overlay.content (registration: 'runtime'). */
const OVERLAY_SCRIPT = '/content-scripts/overlay.js';
/** Built from entrypoints/extjs-reader.ts (an unlisted script). */
const PAGE_READER_SCRIPT = '/extjs-reader.js';

/** Puts the overlay into the frame whose form detector asked; the overlay itself refuses to run twice. */
export async function injectOverlay(tab: { tabId: number; frameId: number }): Promise<{ ok: true }> {
  await browser.scripting.executeScript({
    target: { tabId: tab.tabId, frameIds: [tab.frameId] },
    files: [OVERLAY_SCRIPT],
  });
  return { ok: true };
}

/**
 * Puts the read-only ExtJS reader into the page's own world (world MAIN) of
 * every frame of the tab: the form may sit in a child frame. Injected files are
 * not subject to the page's CSP.
 */
export async function injectPageReader(tab: { tabId: number }): Promise<{ ok: true }> {
  await browser.scripting.executeScript({
    target: { tabId: tab.tabId, allFrames: true },
    files: [PAGE_READER_SCRIPT],
    world: 'MAIN',
  });
  return { ok: true };
}
