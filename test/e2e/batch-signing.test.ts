/**
 * Batch signing in a real Chromium with the built extension: two MIS tabs
 * prepare two protocols, the popup lists them and the certificate, one
 * confirmation page takes one PIN, both tabs end «registered» and the
 * popup's queue shows both with their emdrId.
 */
import { expect, onTestFailed, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { demoToken } from '../../agent/demo/demo-clinic.ts';
import { chromiumExtensionPage, fill, panel, signButton } from '../support/browser-steps.ts';
import { usePairedChromium } from '../support/paired-chromium.ts';

const running = usePairedChromium();


/** Opens the demo MIS, writes its own conclusion and presses «Подписать и отправить»; closes the single confirm tab it opens. */
async function prepareInTab(conclusion: string): Promise<Page> {
  const page = await running.chromium.browser.newPage();
  await page.goto(`${running.agent.url}/demo/consultation.html`);
  await fill(page, '#f_concl', conclusion);
  await page.waitForSelector(panel('ready'));
  const confirmTarget = running.chromium.browser.waitForTarget((t) => t.url().startsWith(chromiumExtensionPage('confirm.html?job=')));
  await page.click(signButton);
  await (await (await confirmTarget).page())!.close();
  return page;
}

test('two prepared protocols are signed with one PIN from the popup and both registered', async () => {
  onTestFailed(() => console.error(`agent log:\n${running.agent.logLines.join('\n')}`));
  const tabs = [await prepareInTab('Пакет: первый протокол.'), await prepareInTab('Пакет: второй протокол.')];

  const popup = await running.chromium.browser.newPage();
  await popup.goto(chromiumExtensionPage('popup.html'));
  await popup.waitForSelector('[data-egisz-certificates="loaded"]');
  expect(await popup.$eval('[data-egisz-certificates]', (el) => el.textContent)).toContain('Иванова Мария Петровна');
  expect(await popup.$$eval('[data-egisz-batch-job]', (boxes) => boxes.length)).toBe(2);

  const batchTarget = running.chromium.browser.waitForTarget((t) => t.url().startsWith(chromiumExtensionPage('confirm.html?jobs=')));
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
  expect(running.agent.logLines.filter((line) => line.includes('job.batch-signed'))).toHaveLength(1);
  expect(running.agent.logLines.join('\n')).not.toContain(demoToken.pin);
});
