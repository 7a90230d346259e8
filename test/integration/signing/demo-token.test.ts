import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { demoDoctor, demoOrganization } from '../../../agent/demo/demo-clinic.ts';
import { checkSigningCertificate } from '../../../agent/signing/certificate-checks.ts';
import { provisionSoftHsmToken } from '../../../agent/signing/demo-token.ts';
import { createTokenFixture, type TokenFixture } from '../../support/token-fixture.ts';

const run = promisify(execFile);
const fixtures: TokenFixture[] = [];
afterAll(async () => {
  for (const f of fixtures) await f.cleanup();
});
async function fixture(...args: Parameters<typeof createTokenFixture>): Promise<TokenFixture> {
  const f = await createTokenFixture(...args);
  fixtures.push(f);
  return f;
}

describe('provisionSoftHsmToken', () => {
  it('issues the holder a personal certificate from the demo CA that passes the signing checks', async () => {
    const t = await fixture();
    const cert = t.certificate;
    expect(cert.subject).toMatchObject({ surname: 'Иванова', givenName: 'Мария Петровна', snils: demoDoctor.snils, ogrn: demoOrganization.ogrn, innle: demoOrganization.inn });
    expect(cert.subject.inn).toMatch(/^\d{12}$/);
    expect(cert.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(cert.privateKeyUsagePeriod?.notAfter).toBeDefined();
    const issues = checkSigningCertificate(cert, { now: new Date(), documentDate: new Date(), practitionerSnils: demoDoctor.snils });
    expect(issues).toEqual([]);
    // The demo CA really issued it.
    const pem = join(t.dir, 'holder.pem');
    await run('openssl', ['x509', '-inform', 'DER', '-in', join(t.dir, 'holder.der'), '-out', pem]);
    const { stdout } = await run('openssl', ['verify', '-CAfile', t.caFile, pem]);
    expect(stdout).toMatch(/: OK/);
  });

  it('generates the key on the token: sensitive and never extractable', async () => {
    const t = await fixture();
    const { stdout } = await run('pkcs11-tool', ['--module', t.modulePath, '--login', '--pin', t.pin, '--list-objects', '--type', 'privkey'], { env: { ...process.env, ...t.env } });
    expect(stdout).toMatch(/Private Key Object; EC/);
    expect(stdout).toMatch(/never extractable/);
    expect(stdout).toMatch(/\bsensitive\b/);
  });

  it('reuses an existing token in the same directory', async () => {
    const t = await fixture();
    const again = await provisionSoftHsmToken({ dir: t.dir, label: t.label, pin: t.pin, soPin: '13579135', holder: demoDoctor, organization: demoOrganization });
    expect(again.certificate.fingerprint).toBe(t.certificate.fingerprint);
    expect(again.caCertificatePem).toBe(t.caCertificatePem);
    expect((await t.client.listCertificates()).map((c) => c.certificate.fingerprint)).toEqual([t.certificate.fingerprint]);
  });

  it('writes its files with mode 0600', async () => {
    const t = await fixture();
    for (const name of ['softhsm2.conf', 'ca-key.pem', 'ca.pem', 'holder.der']) {
      expect(statSync(join(t.dir, name)).mode & 0o777, name).toBe(0o600);
    }
    const tokenDir = join(t.dir, 'tokens', readdirSync(join(t.dir, 'tokens'))[0]!);
    for (const name of readdirSync(tokenDir)) expect(statSync(join(tokenDir, name)).mode & 0o077, name).toBe(0);
  });

  it('issues an organisation-only certificate when personal is false', async () => {
    const t = await fixture({ personal: false });
    expect(t.certificate.subject.snils).toBeUndefined();
    expect(t.certificate.subject).toMatchObject({ commonName: demoOrganization.name, ogrn: demoOrganization.ogrn, innle: demoOrganization.inn });
    const issues = checkSigningCertificate(t.certificate, { now: new Date(), documentDate: new Date(), practitionerSnils: demoDoctor.snils });
    expect(issues.map((i) => i.code)).toEqual(['TOKEN_CERT_NOT_PERSONAL']);
  });

  it('puts snilsOverride and the validity window into the certificate', async () => {
    const validFrom = new Date('2026-01-10T00:00:00Z');
    const validTo = new Date('2026-06-10T00:00:00Z');
    const t = await fixture({ snilsOverride: '08765430300', validFrom, validTo });
    expect(t.certificate.subject.snils).toBe('08765430300');
    expect(t.certificate.notBefore).toEqual(validFrom);
    expect(t.certificate.notAfter).toEqual(validTo);
    expect(t.certificate.privateKeyUsagePeriod?.notAfter).toEqual(validTo);
  });
});
