import { describe, expect, test } from 'vitest';
import { readChainCertificate } from '../../../../agent/signing/chain-certificate.ts';
import { checkCertificateTrust } from '../../../../agent/signing/certificate-trust.ts';
import { CrlCache } from '../../../../agent/signing/crl-cache.ts';
import { issueCrl } from '../../../../agent/signing/crl.ts';
import { trustStoreOf } from '../../../../agent/signing/trust-store.ts';
import { DAY, makeCa, makeIntermediate, makeLeaf } from './test-certificates.ts';

const ROOT_CRL = 'http://root.example/root.crl';
const CA_CRL = 'http://ca.example/ca.crl';
const now = new Date();

/** Root → intermediate → doctor; each CA publishes a CRL, served until the network goes down. */
function world(revoked = false) {
  const root = makeCa({ country: 'RU', commonName: 'Корневой УЦ' });
  const ca = makeIntermediate(root, { crlUrls: [ROOT_CRL] });
  const leaf = makeLeaf(ca, { crlUrls: [CA_CRL] });
  const serial = readChainCertificate(leaf.der).serialNumberHex;
  const rootCrl = issueCrl(root, { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: [] });
  const caCrl = issueCrl(ca, { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: revoked ? [{ serialHex: serial, at: now }] : [] });
  let online = true;
  const network = (async (url: string) => {
    if (!online) throw new Error('ECONNREFUSED');
    return new Response(new Uint8Array(url === ROOT_CRL ? rootCrl : caCrl));
  }) as unknown as typeof fetch;
  const crls = new CrlCache({ fetch: network, staleBoundMs: 2 * DAY });
  return {
    root, ca, leaf, crls,
    goOffline: () => { online = false; },
    ctx: (at = now) => ({ store: trustStoreOf([readChainCertificate(root.der)]), crls, now: at, intermediates: [ca.der] }),
  };
}

describe('checkCertificateTrust (before the PIN)', () => {
  test('a chained, unrevoked certificate gives no issue', async () => {
    const w = world();
    expect(await checkCertificateTrust(w.leaf.der, w.ctx())).toEqual([]);
  });

  test('revoked blocks, naming CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT', async () => {
    const w = world(true);
    expect(await checkCertificateTrust(w.leaf.der, w.ctx())).toContainEqual(expect.objectContaining({
      code: 'TOKEN_CERT_REVOKED', severity: 'error', remdCode: 'CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT', path: 'practitioner',
    }));
  });

  test('an untrusted CA blocks', async () => {
    const w = world();
    const issues = await checkCertificateTrust(w.leaf.der, { ...w.ctx(), store: trustStoreOf([]) });
    expect(issues).toEqual([expect.objectContaining({ code: 'TOKEN_CERT_UNTRUSTED_CA', severity: 'error', remdCode: 'CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT' })]);
  });

  test('CRL unreachable: a warning while a cached list past nextUpdate is within bounds, blocking after', async () => {
    const w = world();
    expect(await checkCertificateTrust(w.leaf.der, w.ctx())).toEqual([]);
    w.goOffline();
    const stale = await checkCertificateTrust(w.leaf.der, w.ctx(new Date(now.getTime() + 2 * DAY)));
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((i) => i.code === 'TOKEN_CERT_REVOCATION_STALE' && i.severity === 'warning' && i.remdCode === 'CA_INACCESSIBILITY')).toBe(true);
    const gone = await checkCertificateTrust(w.leaf.der, w.ctx(new Date(now.getTime() + 4 * DAY)));
    expect(gone).toContainEqual(expect.objectContaining({ code: 'TOKEN_CERT_REVOCATION_UNKNOWN', severity: 'error', remdCode: 'CA_INACCESSIBILITY' }));
  });
});
