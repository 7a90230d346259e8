import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryCache, revalidating } from '../../../../agent/egisz/registries/registry-cache.ts';
import { RegistryUnavailableError } from '../../../../agent/egisz/registries/registry-http.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function clock(start = Date.parse('2026-11-26T10:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => { t += ms; } };
}

const down = () => Promise.reject(new RegistryUnavailableError('ФРМР', 'ECONNREFUSED'));

describe('RegistryCache', () => {
  it('answers from the cache while fresh, asks again once stale', async () => {
    const c = clock();
    const cache = new RegistryCache({ now: c.now });
    let calls = 0;
    const fetcher = async () => ({ n: ++calls });
    expect(await cache.lookup('frmr', 'a', 60_000, fetcher)).toMatchObject({ value: { n: 1 }, freshness: 'fetched', fetchedAt: '2026-11-26T10:00:00.000Z' });
    c.advance(59_000);
    expect(await cache.lookup('frmr', 'a', 60_000, fetcher)).toMatchObject({ value: { n: 1 }, freshness: 'fresh' });
    c.advance(2_000);
    expect(await cache.lookup('frmr', 'a', 60_000, fetcher)).toMatchObject({ value: { n: 2 }, freshness: 'fetched' });
  });

  it('falls back to the stale copy when the registry does not answer, and fails without one', async () => {
    const c = clock();
    const cache = new RegistryCache({ now: c.now });
    await cache.lookup('frmo', 'org', 1_000, async () => ({ oid: 'x' }));
    c.advance(5_000);
    expect(await cache.lookup('frmo', 'org', 1_000, down)).toMatchObject({ value: { oid: 'x' }, freshness: 'stale', fetchedAt: '2026-11-26T10:00:00.000Z' });
    await expect(cache.lookup('frmo', 'other', 1_000, down)).rejects.toBeInstanceOf(RegistryUnavailableError);
  });

  it('remembers "not found" and keeps answers on disk across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egisz-cache-'));
    dirs.push(dir);
    const c = clock();
    await new RegistryCache({ dir, now: c.now }).lookup('frmr', 'missing', 60_000, async () => undefined);
    await new RegistryCache({ dir, now: c.now }).lookup('frmr', 'known', 60_000, async () => ({ snils: '1' }));
    const reopened = new RegistryCache({ dir, now: c.now });
    expect(await reopened.lookup('frmr', 'missing', 60_000, down)).toMatchObject({ value: undefined, freshness: 'fresh' });
    expect(await reopened.lookup('frmr', 'known', 60_000, down)).toMatchObject({ value: { snils: '1' }, freshness: 'fresh' });
  });
});

describe('RegistryCache revalidation', () => {
  it('keeps "not found" for ten minutes at most', async () => {
    const c = clock();
    const cache = new RegistryCache({ now: c.now });
    await cache.lookup('frmr', 'new-doctor', 12 * 3600_000, async () => undefined);
    c.advance(11 * 60_000);
    expect(await cache.lookup('frmr', 'new-doctor', 12 * 3600_000, async () => ({ snils: 'x' }))).toMatchObject({ value: { snils: 'x' }, freshness: 'fetched' });
  });

  it('asks the registry again inside revalidating(), and still falls back when it is down', async () => {
    const c = clock();
    const cache = new RegistryCache({ now: c.now });
    await cache.lookup('frmr', 'a', 60_000, async () => ({ lastName: 'Иванова' }));
    const fresh = await revalidating(() => cache.lookup('frmr', 'a', 60_000, async () => ({ lastName: 'Петрова' })));
    expect(fresh).toMatchObject({ value: { lastName: 'Петрова' }, freshness: 'fetched' });
    expect(await revalidating(() => cache.lookup('frmr', 'a', 60_000, down))).toMatchObject({ value: { lastName: 'Петрова' }, freshness: 'stale' });
    expect(await cache.lookup('frmr', 'a', 60_000, down)).toMatchObject({ freshness: 'fresh' });
  });
});
