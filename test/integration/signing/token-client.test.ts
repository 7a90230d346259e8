import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenClient, TokenError } from '../../../agent/signing/token-client.ts';
import { verifyDetachedCms } from '../../../agent/signing/verify-cms.ts';
import { createTokenFixture, type TokenFixture } from '../../support/token-fixture.ts';

const run = promisify(execFile);
let token: TokenFixture;
const content = new TextEncoder().encode('<ClinicalDocument><title>Протокол консультации</title></ClinicalDocument>\n');

beforeAll(async () => {
  token = await createTokenFixture();
});
afterAll(async () => {
  await token?.cleanup();
});

/** `openssl cms -verify -cades` as the independent oracle; resolves true when OpenSSL accepts. */
async function opensslVerifies(doc: Uint8Array, cms: Uint8Array, name: string): Promise<boolean> {
  const docFile = join(token.dir, `${name}.xml`);
  const sigFile = join(token.dir, `${name}.p7s`);
  writeFileSync(docFile, doc);
  writeFileSync(sigFile, cms);
  try {
    const { stderr } = await run('openssl', ['cms', '-verify', '-cades', '-binary', '-inform', 'DER', '-in', sigFile, '-content', docFile, '-CAfile', token.caFile, '-purpose', 'any', '-out', '/dev/null']);
    return /CAdES Verification successful/.test(stderr);
  } catch {
    return false;
  }
}

async function tokenError(p: Promise<unknown>): Promise<TokenError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(TokenError);
  return e as TokenError;
}

describe('TokenClient over SoftHSM2', () => {
  it('lists the token with its label and PIN flags', async () => {
    const tokens = await token.client.listTokens();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ label: token.label, model: 'SoftHSM v2', loginRequired: true, pin: { locked: false, finalTry: false } });
  });

  it('lists the provisioned certificate with its key id', async () => {
    const certs = await token.client.listCertificates();
    expect(certs).toHaveLength(1);
    expect(certs[0]?.certificate.fingerprint).toBe(token.certificate.fingerprint);
    expect(certs[0]?.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(certs[0]?.certificate.subject.snils).toBe('11223344595');
  });

  it('signs a detached CAdES-BES that OpenSSL and verifyDetachedCms accept, and both reject tampered content', async () => {
    const cms = await token.client.signDetached({ content, certificateFingerprint: token.certificate.fingerprint, pin: token.pin });
    expect(await opensslVerifies(content, cms, 'good')).toBe(true);
    expect(verifyDetachedCms(content, cms)).toMatchObject({ ok: true });

    const tampered = new Uint8Array([...content, 0x20]);
    expect(await opensslVerifies(tampered, cms, 'tampered')).toBe(false);
    expect(verifyDetachedCms(tampered, cms)).toMatchObject({ ok: false, code: 'SIGNATURE_VERIFICATION_ERROR' });
  });

  it('accepts the fingerprint in colon-separated upper case', async () => {
    const colons = token.certificate.fingerprint.toUpperCase().match(/../g)!.join(':');
    const cms = await token.client.signDetached({ content, certificateFingerprint: colons, pin: token.pin });
    expect(verifyDetachedCms(content, cms).ok).toBe(true);
  });

  it('signs a batch under one login, each signature verifying against its own document', async () => {
    const docs = ['первый', 'второй', 'третий'].map((t) => new TextEncoder().encode(`<doc>${t}</doc>`));
    const sigs = await token.client.signDetachedBatch({ contents: docs, certificateFingerprint: token.certificate.fingerprint, pin: token.pin });
    expect(sigs).toHaveLength(3);
    sigs.forEach((sig, i) => expect(verifyDetachedCms(docs[i]!, sig).ok).toBe(true));
    expect(verifyDetachedCms(docs[0]!, sigs[1]!).ok).toBe(false);
  });

  it('reports a wrong PIN as TOKEN_PIN_INCORRECT in Russian, and the right PIN still works', async () => {
    const e = await tokenError(token.client.signDetached({ content, certificateFingerprint: token.certificate.fingerprint, pin: '000000' }));
    expect(e.code).toBe('TOKEN_PIN_INCORRECT');
    expect(e.message).toMatch(/^Неверный PIN-код\./);
    expect(e.retriable).toBe(true);
    const cms = await token.client.signDetached({ content, certificateFingerprint: token.certificate.fingerprint, pin: token.pin });
    expect(verifyDetachedCms(content, cms).ok).toBe(true);
  });

  it('reports an unknown certificate as TOKEN_CERT_NOT_FOUND', async () => {
    const e = await tokenError(token.client.signDetached({ content, certificateFingerprint: 'ab'.repeat(32), pin: token.pin }));
    expect(e.code).toBe('TOKEN_CERT_NOT_FOUND');
    expect(e.message).toMatch(/Сертификат, выбранный для подписи, не найден на токене/);
  });

  it('refuses to sign when the confirmed certificate\'s token was swapped for another one', async () => {
    const other = await createTokenFixture({ label: 'OTHER-DOCTOR', snilsOverride: '08765430300' });
    try {
      // The user confirmed `token`'s certificate; now only the other token is there.
      const e = await tokenError(other.client.signDetached({ content, certificateFingerprint: token.certificate.fingerprint, pin: other.pin }));
      expect(e.code).toBe('TOKEN_CERT_NOT_FOUND');
    } finally {
      await other.cleanup();
    }
  });

  it('reports a module that does not exist as TOKEN_MODULE_FAILED', async () => {
    const client = new TokenClient({ modulePath: join(token.dir, 'no-such-module.so') });
    try {
      const e = await tokenError(client.listTokens());
      expect(e.code).toBe('TOKEN_MODULE_FAILED');
    } finally {
      await client.close();
    }
  });

  it('reports TOKEN_NOT_PRESENT when no token with the configured label is inserted', async () => {
    const client = new TokenClient({ ...token.config, tokenLabel: 'OTHER' });
    try {
      expect(await client.listTokens()).toEqual([]);
      const e = await tokenError(client.signDetached({ content, certificateFingerprint: token.certificate.fingerprint, pin: token.pin }));
      expect(e.code).toBe('TOKEN_NOT_PRESENT');
      expect(e.message).toMatch(/«OTHER»/);
    } finally {
      await client.close();
    }
  });
});

describe('TokenClient with an RSA key on SoftHSM2', () => {
  it('signs with CKM_RSA_PKCS over DigestInfo(SHA-256); OpenSSL and verifyDetachedCms accept it', async () => {
    const rsa = await createTokenFixture({ keyType: 'rsa-2048', label: 'RSA-TOKEN' });
    try {
      expect(rsa.certificate.keyAlgorithm).toBe('rsa');
      const cms = await rsa.client.signDetached({ content, certificateFingerprint: rsa.certificate.fingerprint, pin: rsa.pin });
      expect(verifyDetachedCms(content, cms)).toMatchObject({ ok: true });
      const docFile = join(rsa.dir, 'doc.xml');
      const sigFile = join(rsa.dir, 'doc.p7s');
      writeFileSync(docFile, content);
      writeFileSync(sigFile, cms);
      const { stderr } = await run('openssl', ['cms', '-verify', '-cades', '-binary', '-inform', 'DER', '-in', sigFile, '-content', docFile, '-CAfile', rsa.caFile, '-purpose', 'any', '-out', '/dev/null']);
      expect(stderr).toMatch(/CAdES Verification successful/);
    } finally {
      await rsa.cleanup();
    }
  });
});

describe('token host process failures', () => {
  it('fails the call when the host is killed mid-call, and the next call starts a fresh host', async () => {
    const client = new TokenClient(token.config);
    try {
      await client.listTokens();
      const pid = client.hostPid!;
      // Freeze the host so the request is surely waiting inside it, then kill it.
      process.kill(pid, 'SIGSTOP');
      const pending = client.listCertificates();
      await new Promise((r) => setTimeout(r, 200));
      process.kill(pid, 'SIGKILL');
      const e = await tokenError(pending);
      expect(e.code).toBe('TOKEN_MODULE_FAILED');
      expect(e.retriable).toBe(true);
      const certs = await client.listCertificates();
      expect(certs).toHaveLength(1);
      expect(client.hostPid).not.toBe(pid);
    } finally {
      await client.close();
    }
  });

  it('times out a hung host with TOKEN_TIMEOUT, kills it, and recovers', async () => {
    // Long enough for a fresh host to start under a loaded test run, short enough for the test.
    const client = new TokenClient({ ...token.config, timeoutMs: 3_000 });
    try {
      await client.listTokens();
      const pid = client.hostPid!;
      process.kill(pid, 'SIGSTOP'); // a module stuck inside C_Sign looks exactly like this
      const started = Date.now();
      const e = await tokenError(client.signDetached({ content, certificateFingerprint: token.certificate.fingerprint, pin: token.pin }));
      expect(e.code).toBe('TOKEN_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(8_000);
      const cms = await client.signDetached({ content, certificateFingerprint: token.certificate.fingerprint, pin: token.pin });
      expect(verifyDetachedCms(content, cms).ok).toBe(true);
      expect(client.hostPid).not.toBe(pid);
      expect(() => process.kill(pid, 0)).toThrow(); // the hung child is gone
    } finally {
      await client.close();
    }
  });

  it('close() stops the host process', async () => {
    const client = new TokenClient(token.config);
    await client.listTokens();
    const pid = client.hostPid!;
    await client.close();
    expect(client.hostPid).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100));
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
