import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTokenCertificates, signFileDetached } from '../../../agent/signing/signing-commands.ts';
import { MAX_BATCH_DOCUMENTS, TokenError } from '../../../agent/signing/token-client.ts';
import { verifyDetachedCms } from '../../../agent/signing/verify-cms.ts';
import { createTokenFixture, type TokenFixture } from '../../support/token-fixture.ts';

const DAY = 86_400_000;
let token: TokenFixture;
let expiring: TokenFixture;
beforeAll(async () => {
  token = await createTokenFixture();
  expiring = await createTokenFixture({ validFrom: new Date(Date.now() - 300 * DAY), validTo: new Date(Date.now() + 10 * DAY) });
});
afterAll(async () => {
  await token?.cleanup();
  await expiring?.cleanup();
});

describe('listTokenCertificates', () => {
  it('lists the token with its certificate summary', async () => {
    const listing = await listTokenCertificates(token.config);
    expect(listing).toHaveLength(1);
    expect(listing[0]?.token.label).toBe(token.label);
    expect(listing[0]?.certificates).toEqual([
      expect.objectContaining({ keyAlgorithm: 'ecdsa-p256', summary: expect.objectContaining({ owner: 'Иванова Мария Петровна', fingerprint: token.certificate.fingerprint, warnings: [] }) }),
    ]);
  });

  it('warns about a certificate that expires soon', async () => {
    const listing = await listTokenCertificates(expiring.config);
    expect(listing[0]?.certificates[0]?.summary.warnings.map((w) => w.code)).toEqual(['TOKEN_CERT_EXPIRES_IN_14_DAYS']);
  });
});

describe('signFileDetached', () => {
  const content = new TextEncoder().encode('любой файл');

  it('signs with the only certificate when none is named', async () => {
    const { signature, certificate } = await signFileDetached({ config: token.config, content, pin: token.pin });
    expect(certificate.fingerprint).toBe(token.certificate.fingerprint);
    expect(verifyDetachedCms(content, signature).ok).toBe(true);
  });

  it('accepts a fingerprint prefix', async () => {
    const { signature } = await signFileDetached({ config: token.config, content, pin: token.pin, certificate: token.certificate.fingerprint.slice(0, 10) });
    expect(verifyDetachedCms(content, signature).ok).toBe(true);
  });

  it('refuses a certificate that is not valid at the signing time', async () => {
    const e = await signFileDetached({ config: token.config, content, pin: token.pin, now: new Date(Date.now() + 400 * DAY) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TokenError);
    expect((e as TokenError).code).toBe('TOKEN_CERT_UNUSABLE');
  });
});

describe('batch limits', () => {
  it(`refuses more than ${MAX_BATCH_DOCUMENTS} documents for one PIN entry`, async () => {
    const contents = Array.from({ length: MAX_BATCH_DOCUMENTS + 1 }, () => new Uint8Array([1]));
    const e = await token.client.signDetachedBatch({ contents, certificateFingerprint: token.certificate.fingerprint, pin: token.pin }).catch((x: unknown) => x);
    expect((e as TokenError).code).toBe('TOKEN_BATCH_TOO_LARGE');
  });

  it('returns nothing for an empty batch without asking the token', async () => {
    expect(await token.client.signDetachedBatch({ contents: [], certificateFingerprint: 'none', pin: 'x' })).toEqual([]);
  });
});
