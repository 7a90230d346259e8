/**
 * Launches firefox-esr headless through WebDriver BiDi with the Firefox MV3
 * build installed as a temporary add-on. The extension's moz-extension UUID
 * is random per profile; the pref extensions.webextensions.uuids pins it, so
 * the agent can allow moz-extension://<uuid> (research: extension-stack.md §6).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID } from '../../wxt.config.ts';
import { confirmAndWaitRegistered, signButton } from './browser-steps.ts';

export const firefoxExtensionDir = resolve('.output/firefox-mv3');
/** The pinned UUID: the extension's origin is moz-extension://<this>. */
export const FIREFOX_EXTENSION_UUID = '5b0e5b1e-6f1d-4c3a-9a52-e915b0e1d9a7';
export const firefoxExtensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

/** The Chromium build is what scripts/test.sh makes; the Firefox one is built here (about 3 s). */
export function buildFirefoxExtension(): void {
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'ignore' });
}

export async function launchFirefoxWithExtension(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
      'intl.accept_languages': 'ru-RU, ru',
    },
  });
  await browser.installExtension(firefoxExtensionDir);
  return { browser, close: () => browser.close() };
}

/**
 * An extension page (options, confirm) the extension opened in a tab. Over
 * BiDi, puppeteer reports such tabs as about:blank, so each page is asked
 * for its own address.
 */
export async function waitForExtensionPage(browser: Browser, path: string, timeoutMs = 30_000, skip: ReadonlySet<Page> = new Set()): Promise<Page> {
  const wanted = `${firefoxExtensionOrigin}${path}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      if (skip.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(wanted)) return page;
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`no extension page ${wanted} within ${timeoutMs} ms`);
}

/**
 * «Подписать и отправить» on the MIS tab → the PIN on the confirm page it
 * opens (a new one: an earlier document's may still be open) → registered;
 * its REMD registration number.
 */
export async function firefoxSignAndWaitRegistered(browser: Browser, page: Page, pin: string): Promise<string> {
  const earlier = new Set(await browser.pages());
  await page.click(signButton);
  return confirmAndWaitRegistered(await waitForExtensionPage(browser, '/confirm.html', 30_000, earlier), page, pin);
}
