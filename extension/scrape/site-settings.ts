/**
 * The user's own site settings in storage.local: profiles made with the field
 * mapper or imported from files, and the sites where the extension keeps quiet.
 * Content scripts and the options page read and write them directly.
 */
import { browser } from 'wxt/browser';
import { isSiteProfile, profileErrors } from './check-profile.ts';
import type { SiteProfile } from './site-profile.ts';

interface SettingsKeys {
  userProfiles?: unknown;
  disabledSites?: unknown;
}

/** Stored user profiles that still pass the schema (a hand-edited store cannot break the overlay). */
export async function loadUserProfiles(): Promise<SiteProfile[]> {
  const { userProfiles } = (await browser.storage.local.get('userProfiles')) as SettingsKeys;
  return Array.isArray(userProfiles) ? userProfiles.filter(isSiteProfile) : [];
}

/** Adds the profile, replacing one with the same id. */
export async function saveUserProfile(profile: SiteProfile): Promise<void> {
  const profiles = (await loadUserProfiles()).filter((p) => p.id !== profile.id);
  await browser.storage.local.set({ userProfiles: [...profiles, { ...profile, origin: 'user' }] });
}

export async function removeUserProfile(id: string): Promise<void> {
  const profiles = (await loadUserProfiles()).filter((p) => p.id !== id);
  await browser.storage.local.set({ userProfiles: profiles });
}

/** The JSON file a user exports: an array of profiles. */
export const exportProfiles = (profiles: readonly SiteProfile[]): string => `${JSON.stringify(profiles, null, 2)}\n`;

/** Profiles from a file (one profile or an array); every problem is reported, nothing half-imported. */
export function parseProfilesFile(text: string): { ok: true; profiles: SiteProfile[] } | { ok: false; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['Файл не в формате JSON'] };
  }
  const items = Array.isArray(data) ? data : [data];
  const errors = items.flatMap((item, i) => profileErrors(item).map((e) => `профиль ${i + 1}: ${e}`));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, profiles: items as SiteProfile[] };
}

export async function importProfiles(profiles: readonly SiteProfile[]): Promise<void> {
  for (const profile of profiles) await saveUserProfile(profile);
}

export async function loadDisabledSites(): Promise<string[]> {
  const { disabledSites } = (await browser.storage.local.get('disabledSites')) as SettingsKeys;
  return Array.isArray(disabledSites) ? disabledSites.filter((s): s is string => typeof s === 'string') : [];
}

export async function setSiteDisabled(host: string, disabled: boolean): Promise<void> {
  const sites = (await loadDisabledSites()).filter((s) => s !== host);
  await browser.storage.local.set({ disabledSites: disabled ? [...sites, host] : sites });
}
