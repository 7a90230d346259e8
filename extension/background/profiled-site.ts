/**
 * Sending is allowed only from a page that a site profile covers — a built-in
 * one or one the user saved (confirming detected fields saves one). A page
 * the extension merely detected fields on cannot start a signature.
 */
import { builtinProfiles } from '../scrape/builtin-profiles.ts';
import { matchProfile } from '../scrape/match-profile.ts';
import { loadUserProfiles } from '../scrape/site-settings.ts';

export async function isProfiledSite(addresses: readonly string[]): Promise<boolean> {
  const profiles = [...(await loadUserProfiles()), ...builtinProfiles];
  return addresses.some((address) => matchProfile(address, profiles) !== undefined);
}

export const unprofiledSite = {
  ok: false as const,
  code: 'EXTENSION_SITE_NOT_PROFILED',
  message: 'Поля этой страницы ещё не подтверждены. Нажмите «Поля найдены верно» на панели (или укажите поля вручную), затем отправьте документ.',
};
