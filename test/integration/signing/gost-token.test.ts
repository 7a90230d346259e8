import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenError } from '../../../agent/signing/token-client.ts';
import { verifyDetachedCms } from '../../../agent/signing/verify-cms.ts';
import { createGostTokenFixture, gostTokenBuildable, type GostTokenFixture } from '../../gost-token/gost-token-fixture.ts';

const content = new TextEncoder().encode('<ClinicalDocument>Протокол консультации, ГОСТ</ClinicalDocument>');

async function tokenError(p: Promise<unknown>): Promise<TokenError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(TokenError);
  return e as TokenError;
}

describe.skipIf(!gostTokenBuildable())('GOST test token through PKCS#11', () => {
  describe.each([
    [256, 'digest,withhash', 'CKM_GOSTR3410 over the Streebog digest'],
    [256, 'withhash', 'CKM_GOSTR3410_WITH_GOSTR3411_12_256 when the token lacks CKM_GOSTR3410'],
    [512, 'digest,withhash', 'CKM_GOSTR3410_512 over the Streebog-512 digest'],
    [512, 'withhash', 'CKM_GOSTR3410_WITH_GOSTR3411_12_512'],
  ] as const)('GOST-%i, mechanisms %s', (bits, mechanisms, title) => {
    let t: GostTokenFixture;
    beforeAll(async () => {
      t = await createGostTokenFixture({ bits, mechanisms });
    });
    afterAll(() => t?.cleanup());

    it(`lists the GOST certificate and signs with ${title}; OpenSSL and verifyDetachedCms agree`, async () => {
      const certs = await t.client.listCertificates();
      expect(certs.map((c) => c.certificate.keyAlgorithm)).toEqual([`gost2012-${bits}`]);
      const cms = await t.client.signDetached({ content, certificateFingerprint: t.certificate.fingerprint, pin: t.pin });
      expect(await t.ossl.verifies(content, cms, t.certFile, 'good')).toBe(true);
      expect(verifyDetachedCms(content, cms)).toMatchObject({ ok: true });
      const tampered = new Uint8Array([...content, 0x20]);
      expect(await t.ossl.verifies(tampered, cms, t.certFile, 'tampered')).toBe(false);
      expect(verifyDetachedCms(tampered, cms).ok).toBe(false);
    });
  });

  describe('token events', () => {
    let t: GostTokenFixture;
    beforeAll(async () => {
      t = await createGostTokenFixture({ maxTries: 3, timeoutMs: 4_000 });
    });
    afterAll(() => t?.cleanup());
    const sign = (pin = t.pin) => t.client.signDetached({ content, certificateFingerprint: t.certificate.fingerprint, pin });

    it('reports a pulled-out token as TOKEN_NOT_PRESENT and works again once it is back', async () => {
      t.setFaults('removed');
      expect(await t.client.listTokens()).toEqual([]);
      const e = await tokenError(sign());
      expect(e.code).toBe('TOKEN_NOT_PRESENT');
      expect(e.message).toMatch(/Вставьте токен/);
      t.setFaults('');
      expect(verifyDetachedCms(content, await sign()).ok).toBe(true);
    });

    it('reports a token removed in the middle of C_Sign', async () => {
      t.setFaults('slow=1000');
      const pending = sign();
      await t.insideSlowSign();
      t.setFaults('slow=1000 removed');
      const e = await tokenError(pending);
      expect(e.code).toBe('TOKEN_NOT_PRESENT');
      expect(e.message).toMatch(/извлечён во время операции/);
      t.setFaults('');
    });

    it('times out a token that does not answer and recovers on the next call', async () => {
      t.setFaults('slow=10000');
      const e = await tokenError(sign());
      expect(e.code).toBe('TOKEN_TIMEOUT');
      t.setFaults('');
      expect(verifyDetachedCms(content, await sign()).ok).toBe(true);
    });

    it('survives a module that crashes inside C_Sign: the call fails, the agent and the next call do not', async () => {
      t.setFaults('crash');
      const e = await tokenError(sign());
      expect(e.code).toBe('TOKEN_MODULE_FAILED');
      expect(e.message).toMatch(/SIGSEGV/);
      t.setFaults('');
      expect(verifyDetachedCms(content, await sign()).ok).toBe(true);
    });

    it('refuses a signature the token returns in the wrong byte order (TOKEN_SIGNATURE_INVALID)', async () => {
      t.setFaults('swap-halves');
      const e = await tokenError(sign());
      expect(e.code).toBe('TOKEN_SIGNATURE_INVALID');
      t.setFaults('');
      expect(verifyDetachedCms(content, await sign()).ok).toBe(true);
    });

    it('signs a batch with one PIN; OpenSSL verifies every signature', async () => {
      const docs = Array.from({ length: 5 }, (_, i) => new TextEncoder().encode(`<doc n="${i}">ГОСТ</doc>`));
      const sigs = await t.client.signDetachedBatch({ contents: docs, certificateFingerprint: t.certificate.fingerprint, pin: t.pin });
      expect(sigs).toHaveLength(5);
      for (const [i, sig] of sigs.entries()) expect(await t.ossl.verifies(docs[i]!, sig, t.certFile, `batch${i}`)).toBe(true);
    });

    it('counts PIN tries down from the token flags and locks the PIN', async () => {
      const first = await tokenError(sign('000000'));
      expect(first.code).toBe('TOKEN_PIN_INCORRECT');
      expect(first.message).toMatch(/мало попыток/);
      expect((await t.client.listTokens())[0]?.pin).toEqual({ countLow: true, finalTry: false, locked: false });

      const second = await tokenError(sign('000000'));
      expect(second.code).toBe('TOKEN_PIN_INCORRECT');
      expect(second.message).toMatch(/последняя попытка/);
      expect((await t.client.listTokens())[0]?.pin.finalTry).toBe(true);

      const third = await tokenError(sign('000000'));
      expect(third.code).toBe('TOKEN_PIN_LOCKED');
      expect(third.retriable).toBe(false);
      // Locked is locked: the right PIN no longer helps, and the lock survives a restart of the host.
      await t.client.close();
      expect((await tokenError(sign())).code).toBe('TOKEN_PIN_LOCKED');
      expect((await t.client.listTokens())[0]?.pin.locked).toBe(true);
    });
  });
});
