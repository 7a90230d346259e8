import type { SiteProfile, UrlMatch } from './site-profile.ts';

/** Only web pages are scraped; file:, data: and extension pages never are. */
const SCRAPED_PROTOCOLS = new Set(['http:', 'https:']);

/** The first profile whose URL match fits the address, or undefined (the page stays silent). */
export function matchProfile(address: string, profiles: readonly SiteProfile[]): SiteProfile | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (!SCRAPED_PROTOCOLS.has(url.protocol)) return undefined;
  return profiles.find((profile) => matchesUrl(profile.match, url));
}

export function matchesUrl(match: UrlMatch, url: URL): boolean {
  return globMatches(match.host, url.hostname) && globMatches(match.path, url.pathname);
}

/** `*` matches any run of characters; everything else is literal and case-insensitive. */
function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(value);
}
