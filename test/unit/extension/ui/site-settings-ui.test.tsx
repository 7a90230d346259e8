// @vitest-environment happy-dom
import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { loadDisabledSites, loadUserProfiles, saveUserProfile, setSiteDisabled } from '../../../../extension/scrape/site-settings.ts';
import { SiteProfilesSection } from '../../../../extension/ui/site-profiles-section.tsx';
import { SiteSwitch } from '../../../../extension/ui/site-switch.tsx';

const rendered = (selector: string) =>
  vi.waitFor(() => {
    const element = document.querySelector<HTMLElement>(selector);
    if (!element) throw new Error(`${selector} not rendered yet`);
    return element;
  });

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="app"></div>';
});

describe('popup: the switch for the active tab’s site', () => {
  it('turns the site off and on again', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ url: 'http://mis.clinic.local/visit?id=5' }] as never);
    render(<SiteSwitch />, document.getElementById('app')!);
    const button = await rendered('[data-egisz-action="toggle-site"]');
    expect(button.textContent).toBe('Отключить на этом сайте');
    button.click();
    await vi.waitFor(async () => expect(await loadDisabledSites()).toEqual(['mis.clinic.local']));
    await vi.waitFor(() => expect(button.textContent).toBe('Включить'));
    button.click();
    await vi.waitFor(async () => expect(await loadDisabledSites()).toEqual([]));
  });

  it('shows nothing for a tab that is not a web page', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ url: 'chrome://extensions/' }] as never);
    render(<SiteSwitch />, document.getElementById('app')!);
    await new Promise((done) => setTimeout(done, 20));
    expect(document.querySelector('.site-switch')).toBeNull();
  });
});

describe('options: user profiles and sites switched off', () => {
  it('lists the profiles, deletes one, imports a file and re-enables a site', async () => {
    await saveUserProfile(builtinProfiles[1]!);
    await setSiteDisabled('rmis.local', true);
    render(<SiteProfilesSection />, document.getElementById('app')!);
    await vi.waitFor(() => expect(document.querySelector('[data-egisz-profiles]')!.textContent).toContain(builtinProfiles[1]!.title));

    const input = document.querySelector<HTMLInputElement>('[data-egisz-input="import-profiles"]')!;
    const file = new File([JSON.stringify([builtinProfiles[2]])], 'profiles.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(document.querySelector('[role="status"]')!.textContent).toBe('Импортировано профилей: 1'));
    expect((await loadUserProfiles()).map((p) => p.id)).toEqual([builtinProfiles[1]!.id, builtinProfiles[2]!.id]);

    const bad = new File(['{"id": 1}'], 'bad.json');
    Object.defineProperty(input, 'files', { value: [bad], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(document.querySelector('[role="status"]')!.textContent).toContain('Файл не принят'));

    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Включить')!.click();
    await vi.waitFor(async () => expect(await loadDisabledSites()).toEqual([]));
    document.querySelector<HTMLButtonElement>('[data-egisz-profiles] button')!.click();
    await vi.waitFor(async () => expect((await loadUserProfiles()).map((p) => p.id)).toEqual([builtinProfiles[2]!.id]));
  });

  it('counts the fields a profile repeats over table rows', async () => {
    const withRows = builtinProfiles.find((p) => p.repeat?.length)!;
    await saveUserProfile(withRows);
    render(<SiteProfilesSection />, document.getElementById('app')!);
    const perRow = withRows.repeat!.reduce((n, group) => n + group.fields.length, 0);
    await vi.waitFor(() => expect(document.querySelector('[data-egisz-profiles]')!.textContent).toContain(`в строках таблиц: ${perRow}`));
  });
});
