import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import {
  exportProfiles, importProfiles, loadDisabledSites, loadUserProfiles, parseProfilesFile, removeUserProfile, saveUserProfile, setSiteDisabled,
} from '../../../../extension/scrape/site-settings.ts';

beforeEach(() => fakeBrowser.reset());

describe('user profiles in storage', () => {
  it('saves, replaces by id and removes', async () => {
    const [a, b] = builtinProfiles;
    await saveUserProfile(a!);
    await saveUserProfile(b!);
    await saveUserProfile({ ...a!, title: 'Своё название' });
    expect((await loadUserProfiles()).map((p) => [p.id, p.title, p.origin])).toEqual([
      [b!.id, b!.title, 'user'],
      [a!.id, 'Своё название', 'user'],
    ]);
    await removeUserProfile(b!.id);
    expect((await loadUserProfiles()).map((p) => p.id)).toEqual([a!.id]);
  });

  it('ignores stored entries that no longer pass the schema', async () => {
    await fakeBrowser.storage.local.set({ userProfiles: [{ id: 'broken' }, builtinProfiles[0]] });
    expect((await loadUserProfiles()).map((p) => p.id)).toEqual([builtinProfiles[0]!.id]);
  });

  it('exports a file that imports back; a bad file imports nothing', async () => {
    const parsed = parseProfilesFile(exportProfiles(builtinProfiles));
    expect(parsed).toEqual({ ok: true, profiles: builtinProfiles });
    if (parsed.ok) await importProfiles(parsed.profiles);
    expect(await loadUserProfiles()).toHaveLength(builtinProfiles.length);
    expect(parseProfilesFile('{ not json')).toEqual({ ok: false, errors: ['Файл не в формате JSON'] });
    const spoiled = parseProfilesFile(JSON.stringify([builtinProfiles[0], { ...builtinProfiles[1], fields: 'all' }]));
    expect(spoiled.ok).toBe(false);
    expect(!spoiled.ok && spoiled.errors[0]).toContain('профиль 2: $.fields: ожидается array');
  });
});

describe('sites switched off', () => {
  it('adds and removes a host once', async () => {
    await setSiteDisabled('mis.local', true);
    await setSiteDisabled('mis.local', true);
    await setSiteDisabled('rmis.local', true);
    expect(await loadDisabledSites()).toEqual(['mis.local', 'rmis.local']);
    await setSiteDisabled('mis.local', false);
    expect(await loadDisabledSites()).toEqual(['rmis.local']);
  });
});
