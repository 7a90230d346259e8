/**
 * A registry answer kept on disk with its age: one JSON file per registry in
 * <dataDir>/registry-cache/. A lookup answers from the cache while it is
 * fresh (maxAgeMs), asks the registry when it is not, and falls back to the
 * stale copy when the registry does not answer (stale-while-error). "Not
 * found" is cached too, for at most NOT_FOUND_MAX_AGE_MS, so a missing doctor
 * neither hammers FRMR nor stays missing long after HR has added them.
 * Inside `revalidating()` every lookup asks the registry (a finding that
 * would block the doctor is confirmed against the live registry first).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryUnavailableError } from './registry-http.ts';

const NOT_FOUND_MAX_AGE_MS = 10 * 60_000;
const revalidation = new AsyncLocalStorage<boolean>();

/** Runs `fn` with every cache lookup inside it asking the registry again. */
export function revalidating<T>(fn: () => Promise<T>): Promise<T> {
  return revalidation.run(true, fn);
}

export type Freshness = 'fresh' | 'fetched' | 'stale';

export interface Cached<T> {
  /** undefined: the registry has no such record. */
  value: T | undefined;
  /** ISO time the registry answered. */
  fetchedAt: string;
  /** fresh: from the cache; fetched: just asked; stale: cached, the registry did not answer. */
  freshness: Freshness;
}

interface Entry {
  value: unknown;
  fetchedAt: string;
}

export interface RegistryCacheOptions {
  /** Folder for the cache files; absent keeps the cache in memory only. */
  dir?: string;
  now?: () => Date;
}

export class RegistryCache {
  private readonly entries = new Map<string, Map<string, Entry>>();
  private readonly opts: RegistryCacheOptions;

  constructor(opts: RegistryCacheOptions = {}) {
    this.opts = opts;
    if (opts.dir) mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  }

  async lookup<T>(registry: string, key: string, maxAgeMs: number, fetcher: () => Promise<T | undefined>): Promise<Cached<T>> {
    const table = this.table(registry);
    const cached = table.get(key);
    const now = this.now();
    const maxAge = cached?.value === undefined ? Math.min(maxAgeMs, NOT_FOUND_MAX_AGE_MS) : maxAgeMs;
    if (cached && !revalidation.getStore() && now.getTime() - Date.parse(cached.fetchedAt) <= maxAge) {
      return { value: cached.value as T | undefined, fetchedAt: cached.fetchedAt, freshness: 'fresh' };
    }
    try {
      const value = await fetcher();
      const entry = { value, fetchedAt: now.toISOString() };
      table.set(key, entry);
      this.save(registry, table);
      return { value, fetchedAt: entry.fetchedAt, freshness: 'fetched' };
    } catch (e) {
      if (e instanceof RegistryUnavailableError && cached) {
        return { value: cached.value as T | undefined, fetchedAt: cached.fetchedAt, freshness: 'stale' };
      }
      throw e;
    }
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private file(registry: string): string | undefined {
    return this.opts.dir && join(this.opts.dir, `${registry.toLowerCase()}.json`);
  }

  private table(registry: string): Map<string, Entry> {
    let table = this.entries.get(registry);
    if (table) return table;
    table = new Map();
    const file = this.file(registry);
    if (file && existsSync(file)) {
      try {
        for (const [k, v] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>)) table.set(k, v);
      } catch {
        // A damaged cache is only a cache: start afresh.
      }
    }
    this.entries.set(registry, table);
    return table;
  }

  private save(registry: string, table: Map<string, Entry>): void {
    const file = this.file(registry);
    if (!file) return;
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(table)), { mode: 0o600 });
    renameSync(tmp, file);
  }
}
