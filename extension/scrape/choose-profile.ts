import { detectFields } from './detect-fields.ts';
import { matchProfile } from './match-profile.ts';
import type { SiteProfile } from './site-profile.ts';
import { documentAddresses } from './tab-documents.ts';

/**
 * The profile for a tab: the user's own first, then the built-in ones,
 * matched against the address of every document the tab shows; else the
 * fields detection finds, if they are convincing. Undefined: stay silent.
 */
export function chooseProfile(docs: readonly Document[], user: readonly SiteProfile[], builtin: readonly SiteProfile[]): SiteProfile | undefined {
  const profiles = [...user, ...builtin];
  for (const address of documentAddresses(docs)) {
    const profile = matchProfile(address, profiles);
    if (profile) return profile;
  }
  const top = docs[0]?.location?.href;
  if (!top || !/^https?:/.test(top)) return undefined;
  const detection = detectFields(docs, new URL(top));
  return detection.wake ? detection.profile : undefined;
}
