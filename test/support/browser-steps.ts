/**
 * What the end-to-end tests share in a real browser (Chromium or Firefox):
 * the overlay's DOM contract as selectors, typing into a field the way a
 * user does, and pairing the extension through its options page.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { RunningAgent } from '../../agent/agent.ts';
import { EXTENSION_ID } from '../../shared/protocol/extension-id.ts';

type PairableAgent = Pick<RunningAgent, 'port' | 'pairing'>;

/** A field's mark, optionally in a state (ok, error, empty…). */
export const marker = (path: string, state?: string) => `[data-egisz-field="${path}"]${state ? `[data-egisz-state="${state}"]` : ''}`;
/** The overlay panel's host in a state (ready, invalid, registered…). */
export const panel = (state: string) => `egisz-panel[data-egisz-state="${state}"]`;
export const signButton = 'pierce/[data-egisz-action="sign-and-send"]';
export const chromiumExtensionPage = (path: string) => `chrome-extension://${EXTENSION_ID}/${path}`;

/** Replaces a field's value by selecting it all and typing, so the page sees real key events. */
export async function fill(page: Page, selector: string, value: string): Promise<void> {
  const input = (await page.waitForSelector(selector))!;
  await input.click({ count: 3 });
  await input.press('Backspace');
  await input.type(value);
}

/** Pairs on an open options page with the agent's port and a fresh one-time code. */
export async function pairOnOptionsPage(options: Page, agent: PairableAgent): Promise<void> {
  await fill(options, '[data-egisz-input="agent-port"]', String(agent.port));
  await fill(options, '[data-egisz-input="pairing-code"]', agent.pairing.issueCode());
  await options.click('[data-egisz-action="pair"]');
  await options.waitForSelector('[data-egisz-pairing="paired"]');
}

/** Chromium: opens the options page in a tab of its own, pairs, and closes it. */
export async function pairChromium(browser: Browser, agent: PairableAgent): Promise<void> {
  const options = await browser.newPage();
  await options.goto(chromiumExtensionPage('options.html'));
  await pairOnOptionsPage(options, agent);
  await options.close();
}

/**
 * «Подписать и отправить» on the MIS tab → the PIN on a new confirm page →
 * back on the MIS tab (a background tab would not run the selector's polling)
 * until REMD registers the document; its REMD registration number.
 */
export async function signAndWaitRegistered(browser: Browser, page: Page, pin: string): Promise<string> {
  // A confirm page of an earlier document may still be open: wait for a new one.
  const earlier = new Set(browser.targets());
  const confirmTarget = browser.waitForTarget((t) => !earlier.has(t) && t.url().startsWith(chromiumExtensionPage('confirm.html')));
  await page.click(signButton);
  return confirmAndWaitRegistered((await (await confirmTarget).page())!, page, pin);
}

/** The PIN on an open confirm page, then back on the MIS tab until REMD registers it; its registration number. */
export async function confirmAndWaitRegistered(confirm: Page, page: Page, pin: string): Promise<string> {
  await fill(confirm, '[data-egisz-input="pin"]', pin);
  await confirm.click('[data-egisz-action="confirm"]');
  await page.bringToFront();
  const host = await page.waitForSelector(panel('registered'), { timeout: 60_000 });
  return (await host!.evaluate((el) => el.getAttribute('data-egisz-remd-id')))!;
}
