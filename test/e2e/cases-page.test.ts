/**
 * The treatment cases page in a real Chromium with the built extension: the
 * popup links to it; it lists the cases the agent grouped from signed visits
 * (found by SNILS) and edits them through the background worker and the
 * paired agent — split a visit off, move it back, merge two cases, close one,
 * and a refused close shows the agent's Russian message.
 */
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { chromiumExtensionPage, fill } from '../support/browser-steps.ts';
import { pairedAgentSocket, type AgentSocket } from '../support/agent-ws-client.ts';
import { caseVisit, daysAgo, PETROV, signVisit } from '../support/case-visits.ts';
import { usePairedChromium } from '../support/paired-chromium.ts';

const running = usePairedChromium();
let client: AgentSocket;

beforeAll(async () => {
  client = await pairedAgentSocket(running.agent.port, () => running.agent.pairing.issueCode());
});

afterAll(() => client?.close());

/** The visits of each case shown, in page order. */
const shownCases = (page: Page) => page.$$eval('[data-egisz-case]', (sections) =>
  sections.map((s) => [...s.querySelectorAll('[data-egisz-visit]')].map((v) => v.getAttribute('data-egisz-visit'))));

/** Waits until the page shows `count` cases (each edit re-renders from the agent's answer). */
const untilCases = (page: Page, count: number) =>
  page.waitForFunction((n) => document.querySelectorAll('[data-egisz-case]').length === n, { timeout: 15_000 }, count);

/** A date input's value as the user picks it (typing into one depends on the browser's locale). */
const setDate = (page: Page, selector: string, day: string) => page.$eval(selector, (input, value) => {
  const field = input as HTMLInputElement;
  field.value = value as string;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}, day);

test('the popup links to the cases page, which splits, moves, merges and closes through the agent', async () => {
  onTestFailed(() => console.error(`agent log:\n${running.agent.logLines.join('\n')}`));
  const first = await signVisit(client, caseVisit(daysAgo(9), 'J06.9', 'Насморк, першение.'));
  const second = await signVisit(client, caseVisit(daysAgo(4), 'J06.0', 'Кашель сохраняется.'));

  const popup = await running.chromium.browser.newPage();
  await popup.goto(chromiumExtensionPage('popup.html'));
  const link = await popup.waitForSelector('[data-egisz-action="open-cases"]');
  expect(await link!.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(chromiumExtensionPage('cases.html'));
  await popup.close();

  const page = await running.chromium.browser.newPage();
  await page.goto(chromiumExtensionPage('cases.html'));
  await fill(page, '[data-egisz-input="case-snils"]', '156-427-818 86');
  await page.click('[data-egisz-action="find-cases"]');
  await page.waitForSelector(`[data-egisz-patient="${PETROV.snils}"]`);
  expect(await shownCases(page)).toEqual([[first, second]]);
  expect(await page.$eval('[data-egisz-patient] h2', (h) => h.textContent)).toContain('Петров Иван Сергеевич');

  // Split the second visit off: two cases.
  await page.click(`[data-egisz-visit="${second}"] [data-egisz-action="split-visit"]`);
  await untilCases(page, 2);
  expect(await shownCases(page)).toEqual([[first], [second]]);

  // Move it back through the visit's «Перенести в случай…».
  await page.select(`[data-egisz-visit="${second}"] [data-egisz-input="move-target"]`, first);
  await page.click(`[data-egisz-visit="${second}"] [data-egisz-action="move-visit"]`);
  await untilCases(page, 1);
  expect(await shownCases(page)).toEqual([[first, second]]);

  // Split again, then merge the case of the second visit into the first.
  await page.click(`[data-egisz-visit="${second}"] [data-egisz-action="split-visit"]`);
  await untilCases(page, 2);
  await page.select(`[data-egisz-case="${second}"] [data-egisz-input="merge-target"]`, first);
  await page.click(`[data-egisz-case="${second}"] [data-egisz-action="merge-case"]`);
  await untilCases(page, 1);

  // A close date before the last visit is refused with the agent's message; a valid one closes the case.
  const closeDate = `[data-egisz-case="${first}"] [data-egisz-input="close-date"]`;
  await setDate(page, closeDate, daysAgo(6));
  await page.click(`[data-egisz-case="${first}"] [data-egisz-action="close-case"]`);
  const refusal = await page.waitForSelector('[data-egisz-cases-error]');
  expect(await refusal!.evaluate((p) => p.textContent)).toContain('не раньше последнего посещения');
  await setDate(page, closeDate, daysAgo(1));
  await page.click(`[data-egisz-case="${first}"] [data-egisz-action="close-case"]`);
  await page.waitForSelector(`[data-egisz-case="${first}"][data-egisz-case-state="closed"]`);
  expect(await page.$('[data-egisz-cases-error]')).toBeNull();
  await page.close();
});
