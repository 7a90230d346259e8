/**
 * One question to a registry, as pre-flight needs it: a registry that does
 * not answer is a warning (never a block, never a crash), a stale cached
 * answer is used with a warning naming its age.
 */
import type { Issue } from '../../shared/validate/issue.ts';
import type { Cached } from '../egisz/registries/registry-cache.ts';
import { RegistryUnavailableError } from '../egisz/registries/registry-http.ts';
import { preflightIssue } from './preflight-catalogue.ts';

export type Answer<T> = { answered: true; value: T | undefined; notes: Issue[] } | { answered: false; notes: Issue[] };

export async function ask<T>(registry: string, check: string, path: string, lookup: () => Promise<Cached<T>>): Promise<Answer<T>> {
  try {
    const cached = await lookup();
    const notes = cached.freshness === 'stale'
      ? [preflightIssue('PREFLIGHT_REGISTRY_STALE', path, { registry, check, fetchedAt: cached.fetchedAt.slice(0, 16).replace('T', ' ') })]
      : [];
    return { answered: true, value: cached.value, notes };
  } catch (e) {
    // Anything unexpected from a registry is treated like silence: REMD will still check.
    if (!(e instanceof RegistryUnavailableError) && !(e instanceof Error)) throw e;
    return { answered: false, notes: [preflightIssue('PREFLIGHT_REGISTRY_UNAVAILABLE', path, { registry, check })] };
  }
}

/** Lower-case, ё → е, single spaces: how names are compared. */
export const normalName = (s: string | undefined): string =>
  (s ?? '').trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

export const fullName = (p: { lastName?: string; firstName?: string; middleName?: string }): string =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

/** YYYY-MM-DD of an ISO date-time, in the document's own offset. */
export const dayOf = (iso: string): string => iso.slice(0, 10);
