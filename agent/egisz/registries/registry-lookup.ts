/**
 * What the FRMR, FRMO and patient-index clients share: the options each is
 * built with, and one cached GET whose answer carries the record in `content`.
 */
import type { Cached, RegistryCache } from './registry-cache.ts';
import { getJson, registryUrl } from './registry-http.ts';

export interface RegistryClientOptions {
  baseUrl: string;
  /** The registry's access token (JWT for FRMR/FRMO, the N3 GUID for a regional index); absent in the sandbox. */
  token?: string;
  cache: RegistryCache;
  /** How long an answer counts as fresh; each client has its own default. */
  maxAgeMs?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ContentLookup {
  /** Registry name for errors: ФРМР, ФРМО, ГИП. */
  registry: string;
  /** Cache namespace and key. */
  space: string;
  key: string;
  defaultMaxAgeMs: number;
  path: string;
  query: Record<string, string>;
  /** Authorization scheme for the token. */
  scheme: 'Bearer' | 'N3';
}

export function cachedContent<T>(opts: RegistryClientOptions, lookup: ContentLookup): Promise<Cached<T>> {
  return opts.cache.lookup<T>(lookup.space, lookup.key, opts.maxAgeMs ?? lookup.defaultMaxAgeMs, async () => {
    const body = await getJson<{ content?: T }>(registryUrl(opts.baseUrl, lookup.path, lookup.query), {
      registry: lookup.registry, fetch: opts.fetch, timeoutMs: opts.timeoutMs,
      headers: opts.token ? { authorization: `${lookup.scheme} ${opts.token}` } : {},
    });
    return body?.content ?? undefined;
  });
}
