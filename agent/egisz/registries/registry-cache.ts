/**
 * A registry answer kept on disk with its age: one JSON file per registry in
 * <dataDir>/registry-cache/. A lookup answers from the cache while it is
 * fresh (maxAgeMs), asks the registry when it is not, and falls back to the
 * stale copy when the registry does not answer (stale-while-error). "Not
 * found" is cached too, so a missing doctor does not hammer FRMR.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryUnavailableError } from './registry-http.ts';

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
    if (cached && now.getTime() - Date.parse(cached.fetchedAt) <= maxAgeMs) {
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
