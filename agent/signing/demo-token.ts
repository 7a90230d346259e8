/**
 * Provisions the demo doctor's token: a SoftHSM2 token in a directory of its
 * own, a key (P-256 by default) generated on the token (never leaves it), and a
 * certificate from the demo CA stored next to the key under the same CKA_ID.
 * Idempotent: a directory that already holds the token is reused.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Organization, Practitioner } from '../../shared/domain/record.ts';
import { parseCertificate, type ParsedCertificate } from './certificate.ts';
import { issueCertificate, KEY_USAGE, buildName, type SubjectFields } from './certificate-issuer.ts';
import { DEMO_CRL_URL, loadOrCreateDemoCa } from './demo-certificate-authority.ts';
import { readChainCertificate } from './chain-certificate.ts';
import { TokenHostProcess } from './token-host-process.ts';
import { TokenError } from './token-error.ts';
import type { DemoKeyType } from './demo-token-objects.ts';
import { AsnConvert } from '@peculiar/asn1-schema';

const run = promisify(execFile);

/** Where Debian and Ubuntu put the SoftHSM2 PKCS#11 module. */
const SOFTHSM2_MODULES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'];

/** A qualified key is usually usable for 15 months of the certificate's life. */
const KEY_USAGE_MONTHS = 15;

export interface ProvisionOptions {
  /** Directory for softhsm2.conf, the token files and the demo CA. */
  dir: string;
  label: string;
  pin: string;
  soPin: string;
  /** The certificate's owner; not needed for an organization certificate (`personal: false`). */
  holder?: Practitioner;
  organization: Organization;
  /** File in `dir` the issued certificate is kept in (reuse marker); default holder.der. */
  certificateFile?: string;
  /** Where the demo CA lives; default `dir`. */
  caDir?: string;
  /** Certificate validity; default from yesterday for one year. */
  validFrom?: Date;
  validTo?: Date;
  /** false → an organisation-only certificate (OGRN + INNLE, no SNILS). Default true. */
  personal?: boolean;
  /** Put this SNILS in the certificate instead of the holder's (to test mismatches). */
  snilsOverride?: string;
  /** Subject title (должность); default «Врач». */
  title?: string;
  /** Key generated on the token; default P-256. RSA exists to test the RSA signing path. */
  keyType?: DemoKeyType;
}

export interface ProvisionedToken {
  modulePath: string;
  env: { SOFTHSM2_CONF: string };
  caCertificatePem: string;
  certificate: ParsedCertificate;
}

export function softHsmModulePath(): string {
  const found = SOFTHSM2_MODULES.find((p) => existsSync(p));
  if (!found) {
    throw new TokenError('TOKEN_MODULE_FAILED', 'Не найден модуль SoftHSM2 для демо-токена. Установите пакет softhsm2 (apt-get install softhsm2).');
  }
  return found;
}

export async function provisionSoftHsmToken(opts: ProvisionOptions): Promise<ProvisionedToken> {
  const dir = resolve(opts.dir);
  const tokensDir = join(dir, 'tokens');
  mkdirSync(tokensDir, { recursive: true, mode: 0o700 });
  const confPath = join(dir, 'softhsm2.conf');
  writeFileSync(confPath, `directories.tokendir = ${tokensDir}\nobjectstore.backend = file\nobjectstore.umask = 0077\nlog.level = ERROR\n`, { mode: 0o600 });
  const env = { SOFTHSM2_CONF: confPath };
  const modulePath = softHsmModulePath();
  const ca = loadOrCreateDemoCa(opts.caDir ? resolve(opts.caDir) : dir);
  const certPath = join(dir, opts.certificateFile ?? 'holder.der');

  const host = new TokenHostProcess(modulePath, env, 30_000);
  try {
    const existing = (await host.request({ op: 'list-tokens' })).find((t) => t.label === opts.label);
    // A certificate made before the demo CA published a CRL has no distribution point: made again.
    const kept = existsSync(certPath) ? new Uint8Array(readFileSync(certPath)) : undefined;
    if (existing && kept && readChainCertificate(kept).crlUrls.length > 0) {
      const certificate = parseCertificate(kept);
      return { modulePath, env, caCertificatePem: ca.certificatePem, certificate };
    }
    if (existing) await softHsmUtil(env, ['--delete-token', '--token', opts.label]);
    await softHsmUtil(env, ['--init-token', '--free', '--label', opts.label, '--so-pin', opts.soPin, '--pin', opts.pin]);

    const keyId = randomBytes(8).toString('hex');
    const keyLabel = opts.holder && opts.personal !== false ? `${opts.holder.lastName} ${opts.holder.firstName}` : opts.organization.name;
    const spki = await host.request({ op: 'generate-key', tokenLabel: opts.label, pin: opts.pin, keyId, label: keyLabel, keyType: opts.keyType ?? 'ec-p256' });
    const subject = holderSubject(opts);
    const notBefore = opts.validFrom ?? new Date(Date.now() - 86_400_000);
    const notAfter = opts.validTo ?? new Date(notBefore.getTime() + 365 * 86_400_000);
    const keyNotAfter = new Date(notBefore);
    keyNotAfter.setUTCMonth(keyNotAfter.getUTCMonth() + KEY_USAGE_MONTHS);
    const der = issueCertificate(ca, {
      subject,
      publicKeySpki: spki,
      notBefore,
      notAfter,
      privateKeyUsagePeriod: { notBefore, notAfter: keyNotAfter < notAfter ? keyNotAfter : notAfter },
      keyUsage: KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
      crlUrls: [DEMO_CRL_URL],
    });
    const subjectDer = new Uint8Array(AsnConvert.serialize(buildName(subject)));
    await host.request({ op: 'store-certificate', tokenLabel: opts.label, pin: opts.pin, keyId, label: keyLabel, der, subject: subjectDer });
    writeFileSync(certPath, der, { mode: 0o600 });
    return { modulePath, env, caCertificatePem: ca.certificatePem, certificate: parseCertificate(der) };
  } finally {
    await host.close();
  }
}

function holderSubject(opts: ProvisionOptions): SubjectFields {
  const { holder, organization } = opts;
  const org: SubjectFields = {
    country: 'RU',
    organization: organization.name,
    ...(organization.ogrn ? { ogrn: organization.ogrn } : {}),
    ...(organization.inn ? { innle: organization.inn } : {}),
  };
  if (opts.personal === false || !holder) return { ...org, commonName: organization.name };
  const givenName = [holder.firstName, holder.middleName].filter(Boolean).join(' ');
  return {
    ...org,
    title: opts.title ?? 'Врач',
    commonName: `${holder.lastName} ${givenName}`,
    surname: holder.lastName,
    givenName,
    snils: opts.snilsOverride ?? holder.snils,
    inn: demoPersonalInn(holder.snils),
  };
}

/** A checksum-valid 12-digit ИНН derived from the SNILS, so the demo subject looks complete. */
export function demoPersonalInn(snils: string): string {
  const digits = `77${snils.replace(/\D/g, '').slice(0, 8).padEnd(8, '0')}`.split('').map(Number);
  const check = (weights: number[]) => (weights.reduce((s, w, i) => s + w * (digits[i] ?? 0), 0) % 11) % 10;
  digits.push(check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  digits.push(check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  return digits.join('');
}

async function softHsmUtil(env: Record<string, string>, args: string[]): Promise<void> {
  try {
    await run('softhsm2-util', args, { env: { ...process.env, ...env } });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim() ?? (e as Error).message;
    throw new TokenError('TOKEN_MODULE_FAILED', `Не удалось создать демо-токен SoftHSM2: ${stderr}. Проверьте, что установлен пакет softhsm2.`);
  }
}
