/**
 * The overlay in Firefox (firefox-esr, WebDriver BiDi): a frameset page, an
 * ExtJS page read through the page-world reader, the demo MIS with live
 * marks; pairing through the options page the panel opens, with an agent
 * that allows the pinned moz-extension origin; then a document signed and
 * registered from the panel, and the demo MIS referral (185) after it.
 */
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import { demoToken } from '../../agent/demo/demo-clinic.ts';
import { fill, marker, pairOnOptionsPage, panel, signButton } from '../support/browser-steps.ts';
import { startDemoAgent, type DemoAgent } from '../support/demo-agent.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import {
  buildFirefoxExtension, firefoxExtensionOrigin, firefoxSignAndWaitRegistered, launchFirefoxWithExtension, waitForExtensionPage,
} from '../support/firefox.ts';

let agent: DemoAgent;
let fixtures: FixtureServer;
let firefox: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;

beforeAll(async () => {
  buildFirefoxExtension();
  [agent, fixtures] = await Promise.all([startDemoAgent({ extensionOrigins: [firefoxExtensionOrigin] }), startFixtureServer()]);
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.close();
  await fixtures?.close();
  await agent?.stop();
});

test('Firefox: marks a frameset, an ExtJS page and the demo MIS; pairs with the agent, signs and registers', async () => {
  onTestFailed(() => console.error(`agent log:\n${agent.logLines.join('\n')}`));
  const legacy = await firefox.browser.newPage();
  await legacy.goto(`${fixtures.base}/legacy/index.html`);
  const work = await legacy.waitForFrame((f) => f.url().endsWith('/visit.html'));
  await work.waitForSelector(marker('patient.lastName', 'ok'));
  await work.waitForSelector(panel('ready'));
  await legacy.close();

  // ExtJS: the combo's code comes from the page-world reader (world MAIN), not from the input's text.
  const extjs = await firefox.browser.newPage();
  await extjs.goto(`${fixtures.base}/extjs/index.html`);
  await extjs.waitForSelector(marker('patient.gender', 'ok'));
  await extjs.waitForSelector(marker('patient.birthDate', 'ok'));
  await extjs.close();

  const page = await firefox.browser.newPage();
  await page.goto(`${agent.url}/demo/consultation.html`);
  await page.waitForSelector(marker('patient.snils', 'ok'));
  await fill(page, '#f_snils', '156-427-818 87');
  await page.waitForSelector(marker('patient.snils', 'error'));
  await page.waitForSelector(panel('invalid'));
  await fill(page, '#f_snils', '156-427-818 86');
  await page.waitForSelector(panel('ready'));

  // Not paired yet: the panel offers the settings (WebDriver BiDi may not open moz-extension:// pages itself).
  await page.click(signButton);
  await (await page.waitForSelector('pierce/.panel__failure button'))!.click();
  const options = await waitForExtensionPage(firefox.browser, '/options.html');
  await pairOnOptionsPage(options, agent);
  await page.bringToFront();

  const emdrId = await firefoxSignAndWaitRegistered(firefox.browser, page, demoToken.pin);
  expect((await registry()).map((r) => r.emdrId)).toContain(emdrId);
});

test('Firefox: the demo MIS referral (185) is read from its lists, signed and registered', async () => {
  onTestFailed(() => console.error(`agent log:\n${agent.logLines.join('\n')}`));
  const page = await firefox.browser.newPage();
  await page.goto(`${agent.url}/demo/referral.html`);
  await page.waitForSelector(marker('referral.organization.oid', 'ok'));
  await page.waitForSelector(marker('referral.service', 'ok'));
  await page.waitForSelector(panel('ready'));
  const emdrId = await firefoxSignAndWaitRegistered(firefox.browser, page, demoToken.pin);
  expect(emdrId).toMatch(/^\d+\.185\.\d{2}\.\d{2}\.\d+$/);
  expect((await registry()).find((r) => r.emdrId === emdrId)).toMatchObject({ kind: '185', patientSnils: '15642781886' });
});

async function registry(): Promise<{ emdrId: string; kind: string; patientSnils: string }[]> {
  return (await (await fetch(`${agent.url}/sandbox/registry`)).json()) as { emdrId: string; kind: string; patientSnils: string }[];
}
