/**
 * What the chain and revocation check costs before the PIN: the chain
 * (root → intermediate → doctor, P-256) with a cached CRL, and parsing plus
 * verifying a CRL of a size real CAs publish (their lists reach 10^5 entries).
 * Run: node bench/certificate-trust.ts   (prints its figures)
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { readChainCertificate } from '../agent/signing/chain-certificate.ts';
import { judgeTrust } from '../agent/signing/certificate-trust.ts';
import { CrlCache } from '../agent/signing/crl-cache.ts';
import { crlSignedBy, issueCrl, parseCrl } from '../agent/signing/crl.ts';
import { trustStoreOf } from '../agent/signing/trust-store.ts';
import { DAY, makeCa, makeIntermediate, makeLeaf } from '../test/unit/agent/signing/test-certificates.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(runs: number, f: () => unknown): Promise<number> {
  for (let i = 0; i < 3; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return median(times);
}

const now = new Date();
const root = makeCa({ country: 'RU', commonName: 'Корневой УЦ' });
const ca = makeIntermediate(root, { crlUrls: ['http://root.example/root.crl'] });
const leaf = makeLeaf(ca, { crlUrls: ['http://ca.example/ca.crl'] });
const serials = (n: number) => Array.from({ length: n }, () => ({ serialHex: `4${randomBytes(8).toString('hex')}`, at: now }));

for (const entries of [0, 1_000, 10_000, 100_000]) {
  const der = issueCrl(ca, { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: serials(entries) });
  const issuer = readChainCertificate(ca.der);
  const t = await measure(entries >= 100_000 ? 3 : 10, () => crlSignedBy(parseCrl(der), issuer));
  console.log(`CRL of ${entries} entries (${(der.length / 1024).toFixed(0)} KiB): parse + verify ${t.toFixed(1)} ms`);
}

const caCrl = issueCrl(ca, { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: serials(1_000) });
const rootCrl = issueCrl(root, { thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY), revoked: [] });
const network = (async (url: string) => new Response(new Uint8Array(url.includes('root') ? rootCrl : caCrl))) as unknown as typeof fetch;
const ctx = { store: trustStoreOf([readChainCertificate(root.der)]), crls: new CrlCache({ fetch: network }), now, intermediates: [ca.der] };
const warm = await measure(200, () => judgeTrust(leaf.der, ctx));
console.log(`chain of 3 + two cached CRLs (1,000 entries), per check before the PIN: ${warm.toFixed(2)} ms`);
