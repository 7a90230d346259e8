/**
 * The walking skeleton end to end, in a real Chromium with the built
 * extension: the demo MIS page → live validation marks → «Подписать и
 * отправить» → the confirm page with the PIN → SoftHSM2 signature → REMD
 * sandbox over SOAP → callback → «registered» on the page.
 */
import { expect, onTestFailed, test } from 'vitest';
import { demoToken } from '../../agent/demo/demo-clinic.ts';
import { fill, marker, panel, signAndWaitRegistered, signButton } from '../support/browser-steps.ts';
import { usePairedChromium } from '../support/paired-chromium.ts';

const running = usePairedChromium();


test('a wrong SNILS is marked and blocks signing; once corrected the protocol is signed and registered', async () => {
  onTestFailed(() => console.error(`agent log:\n${running.agent.logLines.join('\n')}`));
  const page = await running.chromium.browser.newPage();
  await page.goto(`${running.agent.url}/demo/consultation.html`);
  await page.waitForSelector(marker('patient.snils', 'ok'));

  await fill(page, '#f_snils', '156-427-818 87');
  await page.waitForSelector(marker('patient.snils', 'error'));
  await page.waitForSelector(panel('invalid'));
  expect(await page.$eval(signButton, (b) => (b as HTMLButtonElement).disabled)).toBe(true);

  await fill(page, '#f_snils', '156-427-818 86');
  await page.waitForSelector(marker('patient.snils', 'ok'));
  await page.waitForSelector(panel('ready'));
  expect(await page.$eval(signButton, (b) => (b as HTMLButtonElement).disabled)).toBe(false);

  const emdrId = await signAndWaitRegistered(running.chromium.browser, page, demoToken.pin);
  expect(emdrId).toMatch(/^\d+\.119\.\d{2}\.\d{2}\.\d+$/);

  const registry = (await (await fetch(`${running.agent.url}/sandbox/registry`)).json()) as { emdrId: string; kind: string; patientSnils: string }[];
  expect(registry).toContainEqual(expect.objectContaining({ emdrId, kind: '119', patientSnils: '15642781886' }));
  expect(running.agent.logLines.join('\n')).not.toContain(demoToken.pin);
});
