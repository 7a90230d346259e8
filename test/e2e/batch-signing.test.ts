/**
 * Batch signing in a real Chromium with the built extension: two MIS tabs
 * prepare two protocols, the popup lists them and the certificate, one
 * confirmation page takes one PIN, both tabs end «registered» and the
 * popup's queue shows both with their emdrId.
 */
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { demoToken } from '../../agent/demo/demo-clinic.ts';
import { chromiumExtensionPage, fill, pairChromium, panel, signButton } from '../support/browser-steps.ts';
import { launchChromiumWithExtension, type LaunchedBrowser } from '../support/chromium.ts';
import { startDemoAgent, type DemoAgent } from '../support/demo-agent.ts';

let agent: DemoAgent;
let chromium: LaunchedBrowser;

beforeAll(async () => {
  agent = await startDemoAgent();
  chromium = await launchChromiumWithExtension();
  await pairChromium(chromium.browser, agent);
});

afterAll(async () => {
  await chromium?.close();
  await agent?.stop();
});

/** Opens the demo MIS, writes its own conclusion and presses «Подписать и отправить»; closes the single confirm tab it opens. */
async function prepareInTab(conclusion: string): Promise<Page> {
  const page = await chromium.browser.newPage();
  await page.goto(`${agent.url}/demo/consultation.html`);
  await fill(page, '#f_concl', conclusion);
  await page.waitForSelector(panel('ready'));
  const confirmTarget = chromium.browser.waitForTarget((t) => t.url().startsWith(chromiumExtensionPage('confirm.html?job=')));
  await page.click(signButton);
  await (await (await confirmTarget).page())!.close();
  return page;
}

test('two prepared protocols are signed with one PIN from the popup and both registered', async () => {
  onTestFailed(() => console.error(`agent log:\n${agent.logLines.join('\n')}`));
  const tabs = [await prepareInTab('Пакет: первый протокол.'), await prepareInTab('Пакет: второй протокол.')];

  const popup = await chromium.browser.newPage();
  await popup.goto(chromiumExtensionPage('popup.html'));
  await popup.waitForSelector('[data-egisz-certificates="loaded"]');
  expect(await popup.$eval('[data-egisz-certificates]', (el) => el.textContent)).toContain('Иванова Мария Петровна');
  expect(await popup.$$eval('[data-egisz-batch-job]', (boxes) => boxes.length)).toBe(2);

  const batchTarget = chromium.browser.waitForTarget((t) => t.url().startsWith(chromiumExtensionPage('confirm.html?jobs=')));
  await popup.click('[data-egisz-action="sign-batch"]');
  const confirm = (await (await batchTarget).page())!;
  await confirm.waitForSelector('[data-egisz-batch-size="2"]');
  expect(await confirm.$$eval('iframe[sandbox=""]', (frames) => frames.length)).toBe(2);
  await fill(confirm, '[data-egisz-input="pin"]', demoToken.pin);
  await confirm.click('[data-egisz-action="confirm"]');
  await confirm.waitForSelector('[data-egisz-confirm="done"]', { timeout: 60_000 });

  const emdrIds: string[] = [];
  for (const tab of tabs) {
    await tab.bringToFront();
    const host = await tab.waitForSelector(panel('registered'), { timeout: 60_000 });
    emdrIds.push((await host!.evaluate((el) => el.getAttribute('data-egisz-remd-id')))!);
  }
  expect(new Set(emdrIds).size).toBe(2);

  await popup.bringToFront();
  await popup.reload();
  await popup.waitForFunction(
    (ids: string[]) => ids.every((id) => document.querySelector(`[data-egisz-queue] [data-egisz-remd-id="${id}"]`)),
    { timeout: 30_000 }, emdrIds,
  );
  expect(agent.logLines.filter((line) => line.includes('job.batch-signed'))).toHaveLength(1);
  expect(agent.logLines.join('\n')).not.toContain(demoToken.pin);
});
