/**
 * The overlay on seven MIS-like pages, each built differently, in a real
 * Chromium with the built extension, served over HTTP by the fixture server:
 * marks with the right states, the panel and its button per the DOM contract.
 * No agent: nothing here signs (the walking skeleton does).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { marker, panel, signButton } from '../support/browser-steps.ts';
import { launchChromiumWithExtension, type LaunchedBrowser } from '../support/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';

let chromium: LaunchedBrowser;
let fixtures: FixtureServer;

const PATIENT = ['patient.snils', 'patient.lastName', 'patient.firstName', 'patient.middleName', 'patient.birthDate', 'patient.gender'];
const VISIT = ['encounter.visitDate', 'encounter.diagnoses.0.code', 'encounter.conclusion'];

beforeAll(async () => {
  fixtures = await startFixtureServer();
  chromium = await launchChromiumWithExtension();
});

afterAll(async () => {
  await chromium?.close();
  await fixtures?.close();
});

async function open(path: string, host = '127.0.0.1'): Promise<Page> {
  const page = await chromium.browser.newPage();
  await page.goto(`${fixtures.base.replace('127.0.0.1', host)}/${path}`);
  return page;
}

async function expectMarks(where: Page | Frame, paths: string[], state = 'ok'): Promise<void> {
  for (const path of paths) await where.waitForSelector(marker(path, state));
}

async function retype(where: Page | Frame, selector: string, value: string): Promise<void> {
  const input = (await where.waitForSelector(selector))!;
  await input.click({ count: 3 });
  await input.press('Backspace');
  await input.type(value);
}

const buttonDisabled = (where: Page | Frame) => where.$eval(signButton, (b) => (b as HTMLButtonElement).disabled);
const frameNamed = (page: Page, name: string) => page.frames().find((f) => f.name() === name)!;

describe('overlay on MIS-like pages', () => {
  test('legacy: windows-1251 frameset, layout tables, nested iframe: one record across frames', async () => {
    const page = await open('legacy/index.html');
    await page.waitForFunction(() => document.readyState === 'complete');
    const work = frameNamed(page, 'work');
    await expectMarks(work, [...PATIENT, 'encounter.visitDate', 'encounter.conclusion']);
    await expectMarks(frameNamed(page, 'diag'), ['encounter.diagnoses.0.code']);
    await expectMarks(frameNamed(page, 'top'), ['practitioner.snils', 'practitioner.lastName']);
    await work.waitForSelector(marker('patient.enp', 'empty'));
    await work.waitForSelector(panel('ready'));
    expect(await buttonDisabled(work)).toBe(false);
    // The summary was read from windows-1251 pages and from three frames into one record.
    const summary = await work.$eval('pierce/.panel__summary', (el) => el.textContent);
    expect(summary).toContain('Петров Иван Сергеевич');
    expect(summary).toContain('J06.9');
    expect(summary).toContain('Иванова Мария Петровна');
    expect(await work.$eval('input[name=SNILS]', (el) => (el as HTMLInputElement).value)).toBe('15642781886');

    await retype(work, 'input[name=SNILS]', '15642781887');
    await work.waitForSelector(marker('patient.snils', 'error'));
    await work.waitForSelector(panel('invalid'));
    expect(await buttonDisabled(work)).toBe(true);

    // The menu frame opens the form again: a new document in the work frame, read and marked afresh.
    await frameNamed(page, 'menu').click('a[href="visit.html"]');
    await page.waitForFunction(() => {
      const work = (window.frames as unknown as Record<string, Window>)['work'];
      return work?.document.readyState === 'complete' && work.document.querySelector('[data-egisz-field="patient.snils"][data-egisz-state="ok"]');
    });
    await page.close();
  });

  test('ExtJS: values come from the component registry (a combo code, a Date), ids change on every load', async () => {
    const page = await open('extjs/index.html');
    await expectMarks(page, [...PATIENT, ...VISIT, 'practitioner.snils']);
    await page.waitForSelector(panel('ready'));
    // The combo shows «Мужской»; only its getValue() gives the code the profile maps to male.
    expect(await page.$eval('input[readonly]', (el) => (el as HTMLInputElement).value)).toBe('Мужской');
    const firstId = await page.$eval('.x-form-item', (el) => el.id);

    await retype(page, 'label.x-form-item-label + div input', '156-427-818 87');
    await page.waitForSelector(marker('patient.snils', 'error'));
    await page.waitForSelector(panel('invalid'));

    await page.reload();
    await expectMarks(page, PATIENT);
    expect(await page.$eval('.x-form-item', (el) => el.id)).not.toBe(firstId);
    await page.close();
  });

  test('ExtJS grid: each visit row of a case, found by XPath and read by column header, marked in its own cell; a grid rendered again with a new row is read again', async () => {
    const page = await open('extjs-case/index.html');
    await expectMarks(page, ['ambulatoryCase.visits.0.date', 'ambulatoryCase.visits.1.date']);
    for (const path of ['ambulatoryCase.visits.0.services.0', 'ambulatoryCase.visits.1.conclusion']) await page.waitForSelector(marker(path));
    // The third visit is after the closing day: its own date cell says so.
    await page.waitForSelector(marker('ambulatoryCase.visits.2.date', 'error'));
    expect(await page.$eval(marker('ambulatoryCase.visits.2.date'), (mark) => mark.closest('td')?.textContent)).toContain('25.11.2026');
    // Marks in the cells do not change what is read: the same mark stays (a rebind would replace it).
    await page.$eval(marker('ambulatoryCase.visits.0.date'), (mark) => mark.setAttribute('data-test-kept', ''));
    await page.click('#open');
    await new Promise((settle) => setTimeout(settle, 500));
    expect(await page.$(`${marker('ambulatoryCase.visits.0.date')}[data-test-kept]`)).not.toBeNull();
    const dateMarks = () => page.$$eval('[data-egisz-field^="ambulatoryCase.visits."][data-egisz-field$=".date"]', (marks) => marks.length);
    expect(await dateMarks()).toBe(3);

    await page.click('#addVisit');
    await page.waitForSelector(marker('ambulatoryCase.visits.3.date', 'ok'));
    await page.waitForSelector(marker('ambulatoryCase.visits.2.date', 'error'));
    expect(await dateMarks()).toBe(4);
  });

  test('Preact SPA: the form renders late after a route change and is rebuilt for the next patient', async () => {
    const page = await open('spa/index.html');
    await page.waitForSelector(panel('invalid'));
    expect(await page.$$(marker('patient.snils'))).toHaveLength(0);
    await page.click('#open-1');
    await expectMarks(page, [...PATIENT, 'encounter.visitDate', 'encounter.diagnoses.0.code', 'practitioner.snils']);
    await page.waitForSelector(marker('encounter.conclusion', 'error'));
    await retype(page, 'textarea', 'Состояние удовлетворительное.');
    await page.waitForSelector(panel('ready'));
    expect(await buttonDisabled(page)).toBe(false);

    await page.click('#next');
    await page.waitForSelector('.loading');
    await page.waitForSelector(marker('patient.snils', 'error'));
    expect(await page.$$(marker('patient.snils'))).toHaveLength(1);
    await page.waitForSelector(panel('invalid'));
    await page.close();
  });

  test('inputs labelled only by the text next to them: detection, confirmation and the field mapper', async () => {
    const page = await open('demo/talon.html');
    await expectMarks(page, [...PATIENT, ...VISIT]);
    await page.waitForSelector('pierce/[data-egisz-detected]');
    // «Поля найдены верно» keeps the detected fields as the site's own profile.
    await page.click('pierce/[data-egisz-action="confirm-fields"]');
    await page.waitForFunction(() => !document.querySelector('egisz-panel')?.shadowRoot?.querySelector('[data-egisz-detected]'));
    // The doctor is plain text in the header: detection cannot know it, the mapper can.
    await page.waitForSelector(panel('invalid'));
    await page.select('pierce/[data-egisz-input="map-field"]', 'practitioner.snils');
    await page.click('pierce/[data-egisz-action="pick-field"]');
    await page.waitForSelector('pierce/[data-egisz-picking]');
    await page.click('b.who');
    await page.waitForSelector(marker('practitioner.snils', 'ok'));
    await page.select('pierce/[data-egisz-input="map-field"]', 'practitioner.fio');
    await page.click('pierce/[data-egisz-action="pick-field"]');
    await page.click('span.who-name');
    await page.waitForSelector(marker('practitioner.lastName', 'ok'));
    await page.waitForSelector(panel('ready'));

    // The mapped fields went into a user profile for the site: they are there after a reload.
    await page.reload();
    await expectMarks(page, ['practitioner.snils', 'practitioner.lastName', ...PATIENT]);
    await page.waitForSelector(panel('ready'));
    expect(await page.$('pierce/[data-egisz-detected]')).toBeNull();
    await page.close();
  });

  test('a form rendered late on a page without a profile wakes detection', async () => {
    const page = await open('late/index.html');
    await page.waitForSelector('.loading');
    expect(await page.$('egisz-panel')).toBeNull();
    await expectMarks(page, ['patient.snils', 'patient.lastName', 'patient.birthDate']);
    await page.waitForSelector('pierce/[data-egisz-detected]');
    await page.close();
  });

  test('strict CSP with Trusted Types: marks, panel and «Исправить» still work', async () => {
    const page = await open('csp/index.html');
    await expectMarks(page, [...PATIENT, ...VISIT, 'practitioner.snils']);
    await page.waitForSelector(panel('ready'));
    await retype(page, '#snils', '15642781886');
    const fix = await page.waitForSelector('pierce/[data-egisz-action="fix"]');
    expect(await page.$eval('#snils', (el) => (el as HTMLInputElement).value)).toBe('15642781886');
    await fix!.click();
    await page.waitForFunction(() => (document.querySelector('#snils') as HTMLInputElement).value === '156-427-818 86');
    await page.waitForSelector(marker('patient.snils', 'ok'));
    await page.close();
  });

  test('a page with 3,000 inputs: the profile fields are marked, the grid is left alone', async () => {
    const page = await open('large/index.html');
    await expectMarks(page, [...PATIENT, ...VISIT, 'practitioner.snils']);
    await page.waitForSelector(panel('ready'));
    expect(await page.$$eval('input', (inputs) => inputs.length)).toBeGreaterThanOrEqual(3000);
    expect(await page.$$eval('[data-egisz-field]', (marks) => marks.length)).toBe(13);
    await page.close();
  });

  test('a page without a patient form stays silent; a site switched off stays silent', async () => {
    const quiet = await open('plain/news.html');
    await new Promise((done) => setTimeout(done, 800));
    expect(await quiet.$('egisz-panel')).toBeNull();
    await quiet.close();

    const page = await open('demo/talon.html', 'localhost');
    await page.waitForSelector(panel('invalid'));
    await page.click('pierce/[data-egisz-action="disable-site"]');
    await page.waitForFunction(() => !document.querySelector('egisz-panel, egisz-mark'));
    await page.reload();
    await new Promise((done) => setTimeout(done, 800));
    expect(await page.$('egisz-panel')).toBeNull();
    await page.close();
  });
});
