import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readChainCertificate } from '../../../../agent/signing/chain-certificate.ts';
import { CrlCache } from '../../../../agent/signing/crl-cache.ts';
import { crlSignedBy, issueCrl, parseCrl } from '../../../../agent/signing/crl.ts';
import { DAY, makeCa, makeLeaf } from './test-certificates.ts';

const URL_ = 'http://ca.example/ca.crl';
const HOUR = 3_600_000;
const now = new Date();

function setup() {
  const ca = makeCa();
  const caCert = readChainCertificate(ca.der);
  const good = readChainCertificate(makeLeaf(ca, { crlUrls: [URL_] }).der);
  const bad = readChainCertificate(makeLeaf(ca, { crlUrls: [URL_] }).der);
  const crl = (at = now, revoked = [{ serialHex: bad.serialNumberHex, at: new Date(at.getTime() - HOUR) }]) =>
    issueCrl(ca, { thisUpdate: new Date(at.getTime() - HOUR), nextUpdate: new Date(at.getTime() + DAY), revoked });
  return { ca, caCert, good, bad, crl };
}

/** A fetch answering from `serve()` (undefined: the network is down) and counting calls. */
function fakeFetch(serve: () => Uint8Array | undefined) {
  const calls: string[] = [];
  const f = (async (url: string) => {
    calls.push(url);
    const body = serve();
    if (!body) throw new Error('ECONNREFUSED');
    return new Response(new Uint8Array(body));
  }) as unknown as typeof fetch;
  return { fetch: f, calls };
}

describe('CRL', () => {
  test('is parsed, verified by its issuer and lists the revoked serial', () => {
    const { caCert, bad, good, crl } = setup();
    const parsed = parseCrl(crl());
    expect(crlSignedBy(parsed, caCert)).toBe(true);
    expect(parsed.revoked.has(bad.serialNumberHex)).toBe(true);
    expect(parsed.revoked.has(good.serialNumberHex)).toBe(false);
  });

  test('a list of tens of thousands of entries, as CAs publish, is read (the schema library stops at its node limit)', () => {
    const { ca, caCert, bad } = setup();
    const many = Array.from({ length: 20_000 }, (_, i) => ({ serialHex: `4${i.toString(16).padStart(17, '0')}`, at: now }));
    const parsed = parseCrl(issueCrl(ca, { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: [...many, { serialHex: bad.serialNumberHex, at: now }] }));
    expect(parsed.revoked.size).toBe(20_001);
    expect(parsed.revoked.has(bad.serialNumberHex)).toBe(true);
    expect(crlSignedBy(parsed, caCert)).toBe(true);
  });

  test('a forged CRL (another key under the CA name, or bytes changed) does not verify', () => {
    const { caCert, crl } = setup();
    const impostor = makeCa();
    expect(crlSignedBy(parseCrl(issueCrl(impostor, { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: [] })), caCert)).toBe(false);
    const tampered = crl();
    const parsed = parseCrl(tampered);
    const serialAt = Buffer.from(tampered).indexOf(Buffer.from([...parsed.revoked.keys()][0] as string, 'hex'));
    tampered[serialAt + 3] = (tampered[serialAt + 3] as number) ^ 1; // another serial revoked, same signature
    expect(crlSignedBy(parseCrl(tampered), caCert)).toBe(false);
  });
});

describe('CrlCache', () => {
  test('answers revoked and good, fetching once while the list is fresh', async () => {
    const { caCert, good, bad, crl } = setup();
    const list = crl();
    const net = fakeFetch(() => list);
    const cache = new CrlCache({ fetch: net.fetch });
    expect(await cache.check(bad, caCert, now)).toMatchObject({ status: 'revoked' });
    expect(await cache.check(good, caCert, now)).toEqual({ status: 'good', stale: false });
    expect(net.calls).toEqual([URL_]);
    // Past nextUpdate a new list is fetched.
    await cache.check(good, caCert, new Date(now.getTime() + 2 * DAY));
    expect(net.calls).toHaveLength(2);
  });

  test('a list issued a moment after the check began (or by a CA clock slightly ahead) is fresh', async () => {
    const { caCert, bad, crl } = setup();
    const cache = new CrlCache({ fetch: fakeFetch(() => crl(new Date(now.getTime() + HOUR + 2000))).fetch });
    expect(await cache.check(bad, caCert, now)).toMatchObject({ status: 'revoked' });
  });

  test('documents checked at once share one download', async () => {
    const { caCert, good, bad, crl } = setup();
    const list = crl();
    const net = fakeFetch(() => list);
    const cache = new CrlCache({ fetch: net.fetch });
    const answers = await Promise.all([cache.check(good, caCert, now), cache.check(bad, caCert, now), cache.check(good, caCert, now)]);
    expect(answers.map((a) => a.status)).toEqual(['good', 'revoked', 'good']);
    expect(net.calls).toHaveLength(1);
  });

  test('a forged list from the network is not used', async () => {
    const { caCert, good } = setup();
    const forged = issueCrl(makeCa(), { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: [] });
    const cache = new CrlCache({ fetch: fakeFetch(() => forged).fetch });
    const status = await cache.check(good, caCert, now);
    expect(status).toMatchObject({ status: 'unknown' });
    if (status.status === 'unknown') expect(status.reason).toContain('не проверяется ключом УЦ');
  });

  test('kept on disk: a new cache reads it without the network; past nextUpdate and offline it answers stale, then unknown', async () => {
    const { caCert, good, crl } = setup();
    const dir = mkdtempSync(join(tmpdir(), 'crl-'));
    const list = crl();
    await new CrlCache({ dir, fetch: fakeFetch(() => list).fetch }).check(good, caCert, now);
    const offline = fakeFetch(() => undefined);
    const later = new CrlCache({ dir, fetch: offline.fetch, staleBoundMs: 2 * DAY });
    expect(await later.check(good, caCert, now)).toEqual({ status: 'good', stale: false });
    expect(offline.calls).toHaveLength(0);
    expect(await later.check(good, caCert, new Date(now.getTime() + 2 * DAY))).toEqual({ status: 'good', stale: true });
    const status = await later.check(good, caCert, new Date(now.getTime() + 4 * DAY));
    expect(status).toMatchObject({ status: 'unknown' });
    if (status.status === 'unknown') expect(status.reason).toContain('ECONNREFUSED');
  });

  test('a list changed on disk is not trusted', async () => {
    const { caCert, good, crl } = setup();
    const dir = mkdtempSync(join(tmpdir(), 'crl-'));
    await new CrlCache({ dir, fetch: fakeFetch(() => crl()).fetch }).check(good, caCert, now);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file as string), issueCrl(makeCa(), { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: [] }));
    expect(await new CrlCache({ dir, fetch: fakeFetch(() => undefined).fetch }).check(good, caCert, now)).toMatchObject({ status: 'unknown' });
  });

  test('a certificate without a distribution point has no known status', async () => {
    const { ca, caCert } = setup();
    const bare = readChainCertificate(makeLeaf(ca).der);
    expect(await new CrlCache().check(bare, caCert, now)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('не указан адрес') });
  });
});
