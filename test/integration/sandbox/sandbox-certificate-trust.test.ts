/**
 * The sandbox's check, as REMD's, that the signer's certificate chains to an
 * accredited CA and is not revoked, on really signed documents: the demo CA
 * publishes its CRL over HTTP (the distribution point in the certificate),
 * the sandbox fetches it and answers CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT
 * or CA_INACCESSIBILITY.
 */
import express from 'express';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoCaService } from '../../../agent/sandbox/demo-ca-service.ts';
import { readChainCertificate } from '../../../agent/signing/chain-certificate.ts';
import { CrlCache } from '../../../agent/signing/crl-cache.ts';
import { DEMO_CRL_URL, demoCrlFetch, loadOrCreateDemoCa, revokeDemoCertificate } from '../../../agent/signing/demo-certificate-authority.ts';
import { certificatesIn, trustStoreOf } from '../../../agent/signing/trust-store.ts';
import { createTokenFixture, type TokenFixture } from '../../support/token-fixture.ts';
import { startRemdHarness, type RemdHarness } from '../remd/remd-harness.ts';
import { registerSignedDocument } from '../remd/signed-document.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const caCertificate = (dir: string) => readChainCertificate(certificatesIn(new Uint8Array(readFileSync(join(dir, 'ca.pem'))))[0]!);

/** The demo CA's publication point on a server of its own; `down` answers nothing. */
async function startCaServer(caDir: string): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use('/sandbox/ca', demoCaService(caDir));
  const server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function setUp(opts: { trustDemoCa?: boolean; caUp?: boolean } = {}) {
  const fixture: TokenFixture = await createTokenFixture();
  cleanups.push(() => fixture.cleanup());
  const ca = await startCaServer(fixture.dir);
  const caUrl = opts.caUp === false ? 'http://127.0.0.1:9' : ca.url;
  const anchors = opts.trustDemoCa === false ? [caCertificate(mkdtempDemoCa())] : [caCertificate(fixture.dir)];
  const remd: RemdHarness = await startRemdHarness({
    trust: { store: trustStoreOf(anchors), crls: new CrlCache({ fetch: demoCrlFetch({ sandboxBaseUrl: () => caUrl }), timeoutMs: 2000 }) },
  });
  cleanups.push(() => remd.close());
  return { fixture, remd };
}

function mkdtempDemoCa(): string {
  const dir = mkdtempSync(join(tmpdir(), 'other-ca-'));
  loadOrCreateDemoCa(dir);
  return dir;
}

const register = registerSignedDocument;

describe('sandbox: chain to an accredited CA and revocation', () => {
  it('registers a document signed by a certificate of an accredited CA whose CRL does not list it', async () => {
    const { fixture, remd } = await setUp();
    expect(readChainCertificate(fixture.certificate.der).crlUrls).toEqual([DEMO_CRL_URL]);
    const result = await register(fixture, remd);
    expect(result.errors ?? []).toEqual([]);
    expect(result.status).toBe('success');
  });

  it('refuses a revoked certificate with CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT', async () => {
    const { fixture, remd } = await setUp();
    revokeDemoCertificate(fixture.dir, fixture.certificate.serialNumberHex);
    const result = await register(fixture, remd);
    expect(result.errors?.map((e) => e.code)).toEqual(['CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT']);
    expect(result.errors?.[0]?.message).toContain('отозван');
  });

  it('refuses a certificate from a CA not on its list with CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT', async () => {
    const { fixture, remd } = await setUp({ trustDemoCa: false });
    const result = await register(fixture, remd);
    expect(result.errors?.map((e) => e.code)).toEqual(['CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT']);
    expect(result.errors?.[0]?.message).toContain('нет в списке аккредитованных');
  });

  it('answers CA_INACCESSIBILITY when the CRL cannot be fetched', async () => {
    const { fixture, remd } = await setUp({ caUp: false });
    const result = await register(fixture, remd);
    expect(result.errors?.map((e) => e.code)).toEqual(['CA_INACCESSIBILITY']);
  });
});
