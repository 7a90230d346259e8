/**
 * The overlay sends more than consultations: the demo MIS's referral page
 * (SEMD 185) and its closed-case page (SEMD 42), in a real Chromium with the
 * built extension. Each page is read through its built-in profile, validated
 * live (a field of the new kind marked and blocking, then corrected), signed
 * with the PIN on the confirm page and registered in the agent's sandbox.
 */
import type { Page } from 'puppeteer-core';
import { expect, onTestFailed, test } from 'vitest';
import { demoToken } from '../../agent/demo/demo-clinic.ts';
import { fill, marker, panel, signAndWaitRegistered, signButton } from '../support/browser-steps.ts';
import { usePairedChromium } from '../support/paired-chromium.ts';

const running = usePairedChromium();

/** A demo MIS page in a new tab; a failing test prints the agent's log. */
async function openDemoPage(name: string): Promise<Page> {
  onTestFailed(() => console.error(`agent log:\n${running.agent.logLines.join('\n')}`));
  const page = await running.chromium.browser.newPage();
  await page.goto(`${running.agent.url}/demo/${name}`);
  return page;
}

/** The text of a field's mark (its messages live in its shadow root). */
const markText = (page: Page, path: string) => page.$eval(marker(path), (mark) => mark.shadowRoot?.textContent ?? mark.textContent ?? '');

const signDisabled = (page: Page) => page.$eval(signButton, (b) => (b as HTMLButtonElement).disabled);

async function registryRow(emdrId: string) {
  const registry = (await (await fetch(`${running.agent.url}/sandbox/registry`)).json()) as { emdrId: string; localUid: string; kind: string; patientSnils: string }[];
  return registry.find((row) => row.emdrId === emdrId);
}

test('a referral: the destination and the consultation come from the MIS lists; an unchosen one blocks; signed, it registers as 185', async () => {
  const page = await openDemoPage('referral.html');
  await page.waitForSelector(marker('referral.organization.oid', 'ok'));
  await page.waitForSelector(marker('referral.service', 'ok'));
  await page.waitForSelector(panel('ready'));

  await page.select('#f_usl', '');
  await page.waitForSelector(marker('referral.service', 'error'));
  await page.waitForSelector(panel('invalid'));
  expect(await signDisabled(page)).toBe(true);
  expect(await markText(page, 'referral.service')).toContain('Заполните поле «Услуга, на которую направлен пациент»');

  await page.select('#f_usl', 'K023');
  await page.waitForSelector(marker('referral.service', 'ok'));
  await page.waitForSelector(panel('ready'));
  const summary = await page.$eval('egisz-panel', (host) => host.shadowRoot?.textContent ?? '');
  expect(summary).toContain('Куда направлен');
  expect(summary).toContain('Прием (осмотр, консультация) врача-невролога первичный');

  const emdrId = await signAndWaitRegistered(running.chromium.browser, page, demoToken.pin);
  expect(emdrId).toMatch(/^\d+\.185\.\d{2}\.\d{2}\.\d+$/);
  expect(await registryRow(emdrId)).toMatchObject({ kind: '185', patientSnils: '15642781886' });
  expect(running.agent.logLines.join('\n')).not.toContain(demoToken.pin);
});

test('a closed case: a visit after the closing day is marked on its row and blocks; a visit row added by the MIS is read and checked; three visits register as 42', async () => {
  const page = await openDemoPage('case.html');
  await page.waitForSelector(marker('ambulatoryCase.result', 'ok'));
  await page.waitForSelector(marker('ambulatoryCase.visits.1.services.0', 'ok'));
  await page.waitForSelector(panel('ready'));

  const closing = await page.$eval('#f_close', (input) => (input as HTMLInputElement).value);
  const [d, m, y] = closing.split('.').map(Number) as [number, number, number];
  const dayAfter = new Date(Date.UTC(y, m - 1, d + 1));
  const pad = (n: number) => String(n).padStart(2, '0');
  await fill(page, '#v2_date', `${pad(dayAfter.getUTCDate())}.${pad(dayAfter.getUTCMonth() + 1)}.${dayAfter.getUTCFullYear()}`);
  await page.waitForSelector(marker('ambulatoryCase.visits.1.date', 'error'));
  await page.waitForSelector(panel('invalid'));
  // In the form's own date format, not the record's ISO.
  expect(await markText(page, 'ambulatoryCase.visits.1.date')).toContain(`Посещение №2 (${pad(dayAfter.getUTCDate())}.${pad(dayAfter.getUTCMonth() + 1)}.${dayAfter.getUTCFullYear()}) вне периода случая`);

  await fill(page, '#v2_date', closing);
  await page.waitForSelector(marker('ambulatoryCase.visits.1.date', 'ok'));
  await page.waitForSelector(panel('ready'));

  // The MIS's own button appends an empty row after load: the overlay sees it (MutationObserver), marks its cells and blocks until it is filled.
  expect(await page.$(marker('ambulatoryCase.visits.2.date'))).toBeNull();
  await page.click('#btnAddVisit');
  await page.waitForSelector(marker('ambulatoryCase.visits.2.date', 'error'));
  await page.waitForSelector(marker('ambulatoryCase.visits.2.services.0', 'error'));
  await page.waitForSelector(panel('invalid'));
  const midway = new Date(Date.UTC(y, m - 1, d - 3));
  // The optional text first: the row turns valid only after the later edits, so signing waits for its read too.
  await fill(page, '#v3_text', 'Контрольный осмотр, жалоб нет.');
  await fill(page, '#v3_date', `${pad(midway.getUTCDate())}.${pad(midway.getUTCMonth() + 1)}.${midway.getUTCFullYear()}`);
  await page.select('#v3_usl', 'T02');
  await page.waitForSelector(marker('ambulatoryCase.visits.2.date', 'ok'));
  await page.waitForSelector(marker('ambulatoryCase.visits.2.services.0', 'ok'));
  await page.waitForSelector(marker('ambulatoryCase.visits.2.conclusion', 'ok'));
  await page.waitForSelector(panel('ready'));
  const summary = await page.$eval('egisz-panel', (host) => host.shadowRoot?.textContent ?? '');
  expect(summary).toMatch(/Посещений\s*3/);

  const emdrId = await signAndWaitRegistered(running.chromium.browser, page, demoToken.pin);
  expect(emdrId).toMatch(/^\d+\.42\.\d{2}\.\d{2}\.\d+$/);
  expect(await registryRow(emdrId)).toMatchObject({ kind: '42', patientSnils: '15642781886' });
  // The registered SEMD carries the row added after load.
  const { localUid } = (await registryRow(emdrId))!;
  const semd = new TextDecoder().decode((await running.agent.outbox.get(localUid))!.semd);
  expect(semd).toContain('Посещение №3');
  expect(semd).toContain('Контрольный осмотр, жалоб нет.');
});
