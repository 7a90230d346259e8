/**
 * The «Диагностика» page in a real Chromium with the built extension: before
 * pairing it says the browser is not paired and links to the options; once
 * paired, opened over the demo MIS, it shows the agent answering, the demo
 * token and its certificate, the site's profile, and copies a report that
 * names neither the doctor nor a SNILS.
 */
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { demoDoctor } from '../../agent/demo/demo-clinic.ts';
import { chromiumExtensionPage, pairChromium } from '../support/browser-steps.ts';
import { launchChromiumWithExtension, type LaunchedBrowser } from '../support/chromium.ts';
import { startDemoAgent, type DemoAgent } from '../support/demo-agent.ts';

let agent: DemoAgent;
let chromium: LaunchedBrowser;

beforeAll(async () => {
  agent = await startDemoAgent();
  chromium = await launchChromiumWithExtension();
});

afterAll(async () => {
  await chromium?.close();
  await agent?.stop();
});

const statusOf = (page: Page, id: string) => page.$eval(`[data-egisz-check="${id}"]`, (li) => li.getAttribute('data-egisz-status'));
const textOf = (page: Page, id: string) => page.$eval(`[data-egisz-check="${id}"]`, (li) => li.textContent ?? '');

async function openDiagnostics(hash = ''): Promise<Page> {
  const page = await chromium.browser.newPage();
  await page.goto(chromiumExtensionPage(`diagnostics.html${hash}`));
  await page.waitForSelector('[data-egisz-diagnostics]:not([data-egisz-diagnostics="running"])', { timeout: 60_000 });
  return page;
}

test('before pairing: not paired, with the way to the options page', async () => {
  const page = await openDiagnostics();
  expect(await statusOf(page, 'pairing')).toBe('error');
  expect(await textOf(page, 'pairing')).toContain('Этот браузер не сопряжён с агентом');
  expect(await page.$eval('a[href="/options.html"]', (a) => a.textContent)).toContain('Настройки сопряжения');
  await page.close();
});

test('paired, over the demo MIS: agent, token and certificate, site profile, and a report without personal data', async () => {
  onTestFailed(() => console.error(`agent log:\n${agent.logLines.join('\n')}`));
  await pairChromium(chromium.browser, agent);
  const popup = await chromium.browser.newPage();
  await popup.goto(chromiumExtensionPage('popup.html'));
  expect(await (await popup.waitForSelector('[data-egisz-action="open-diagnostics"]'))!.evaluate((a) => a.textContent)).toContain('Диагностика');
  await popup.close();

  const page = await openDiagnostics(`#site=${encodeURIComponent(`${agent.url}/demo/consultation.html`)}`);
  expect(await statusOf(page, 'agent.port')).toBe('ok');
  expect(await textOf(page, 'agent.port')).toContain(`отвечает на порту ${agent.port}`);
  expect(await statusOf(page, 'agent.protocol')).toBe('ok');
  expect(await statusOf(page, 'pairing')).toBe('ok');
  expect(await statusOf(page, 'site')).toBe('ok');
  expect(await statusOf(page, 'token.modules')).toBe('ok');
  expect(await statusOf(page, 'token.certificates')).toBe('ok');
  expect(await textOf(page, 'token.certificates')).toMatch(/сертификат [0-9a-f]{8}…: личный \(СНИЛС есть\)/);
  expect(await statusOf(page, 'remd.link')).toBe('ok');

  await page.click('[data-egisz-action="copy-report"]');
  const report = await (await page.waitForSelector('[data-egisz-report]'))!.evaluate((t) => (t as HTMLTextAreaElement).value);
  expect(report).toContain('[OK] Токен и сертификаты');
  expect(report).toContain(`Агент 0.1.0 отвечает на порту ${agent.port}`);
  for (const personal of [demoDoctor.snils, demoDoctor.lastName, demoDoctor.firstName]) expect(report).not.toContain(personal);
  await page.close();
});
