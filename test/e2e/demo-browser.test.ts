/**
 * What `scripts/demo.sh --browser` opens, run headless against a demo agent:
 * the extension's options page (not blocked: it is opened once the extension
 * has loaded) and the demo MIS with the overlay on it.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoMisUrl, openDemoBrowser, optionsUrl, type DemoBrowser } from '../../scripts/demo-browser.ts';
import { marker, panel } from '../support/browser-steps.ts';
import { startDemoAgent, type DemoAgent } from '../support/demo-agent.ts';

let agent: DemoAgent;
let demo: DemoBrowser;

beforeAll(async () => {
  agent = await startDemoAgent();
  demo = await openDemoBrowser({ port: agent.port, headless: true });
});

afterAll(async () => {
  await demo?.close();
  await agent?.stop();
});

test('the options page for pairing and the demo MIS with the overlay', async () => {
  const pages = await demo.browser.pages();
  expect(pages.map((p) => p.url())).toEqual([optionsUrl(agent.port), demoMisUrl(agent.port)]);
  const [options, mis] = pages;
  await options!.waitForSelector('[data-egisz-pairing="unpaired"]');
  // The agent's port (a free one here, not 17346) is filled in from the page's address.
  expect(await options!.$eval('[data-egisz-input="agent-port"]', (el) => (el as HTMLInputElement).value)).toBe(String(agent.port));
  await mis!.waitForSelector(marker('patient.snils', 'ok'));
  await mis!.waitForSelector(panel('ready'));
});
