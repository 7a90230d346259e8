/**
 * The token host's signing requests. `stayLoggedIn` (the organization key, which signs unattended): the token
 * host keeps the session logged in between requests, yet a wrong PIN still
 * reaches C_Login and fails, and a session logged out by another request or
 * a re-initialised module (a token list with refresh) gets a fresh login
 * instead of failing. `sign-with-certificate`: the host finds the certificate
 * of a fingerprint and its key itself, so a token swapped since the agent
 * listed it (another certificate, or none) is caught there, before any login. Every signature is
 * checked against the certificate's public key.
 */
import { createHash, createVerify, X509Certificate } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TokenHostProcess } from '../../../agent/signing/token-host-process.ts';
import { createTokenFixture, type TokenFixture } from '../../support/token-fixture.ts';

let token: TokenFixture;
let host: TokenHostProcess;
beforeAll(async () => {
  token = await createTokenFixture();
  host = new TokenHostProcess(token.modulePath, token.env);
});
afterAll(async () => {
  await host?.close();
  await token?.cleanup();
});

const data = (n: number) => new TextEncoder().encode(`документ ${n}`);

async function sign(n: number, pin: string, stayLoggedIn = true): Promise<boolean> {
  const [raw] = await host.request({ op: 'list-certificates', tokenLabel: token.label });
  const digest = new Uint8Array(createHash('sha256').update(data(n)).digest());
  const [signature] = await host.request({
    op: 'sign', slotId: raw!.slotId, keyId: raw!.keyId, pin, stayLoggedIn,
    candidates: [{ mechanism: { mechanism: pkcs11js.CKM_ECDSA }, inputs: [digest] }],
  });
  const key = new X509Certificate(Buffer.from(raw!.der)).publicKey;
  return createVerify('sha256').update(data(n)).verify({ key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!));
}

it('signs on a kept session, refuses a wrong PIN meanwhile, and survives a logout elsewhere and a module re-initialisation', async () => {
  expect(await sign(1, token.pin)).toBe(true);
  expect(await sign(2, token.pin)).toBe(true);
  await expect(sign(3, '000000')).rejects.toMatchObject({ code: 'TOKEN_PIN_INCORRECT' });
  expect(await sign(4, token.pin)).toBe(true);
  expect(await sign(5, token.pin, false)).toBe(true); // its C_Logout logs the kept session out too
  expect(await sign(6, token.pin)).toBe(true);
  await host.request({ op: 'list-tokens' }); // re-initialises the module: the kept session is gone
  expect(await sign(7, token.pin)).toBe(true);
});

const byDigest = [{ mechanism: { mechanism: pkcs11js.CKM_ECDSA }, inputs: [new Uint8Array(createHash('sha256').update(data(0)).digest())] }];

it('signs with the key of the certificate named by its fingerprint', async () => {
  const [signature] = await host.request({ op: 'sign-with-certificate', fingerprint: token.certificate.fingerprint, tokenLabel: token.label, pin: token.pin, candidates: byDigest });
  const [listed] = await host.request({ op: 'list-certificates', tokenLabel: token.label });
  const key = new X509Certificate(Buffer.from(listed!.der)).publicKey;
  expect(createVerify('sha256').update(data(0)).verify({ key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!))).toBe(true);
});

it('a certificate not on the token is TOKEN_CERT_NOT_FOUND, a token not there TOKEN_NOT_PRESENT', async () => {
  await expect(host.request({ op: 'sign-with-certificate', fingerprint: 'ab'.repeat(32), tokenLabel: token.label, pin: token.pin, candidates: byDigest }))
    .rejects.toMatchObject({ code: 'TOKEN_CERT_NOT_FOUND' });
  await expect(host.request({ op: 'sign-with-certificate', fingerprint: token.certificate.fingerprint, tokenLabel: 'GONE', pin: token.pin, candidates: byDigest }))
    .rejects.toMatchObject({ code: 'TOKEN_NOT_PRESENT' });
});
