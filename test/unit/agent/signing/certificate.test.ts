import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeFingerprint, parseCertificate } from '../../../../agent/signing/certificate.ts';
import { makeCa, makeLeaf } from './test-certificates.ts';

const dir = mkdtempSync(join(tmpdir(), 'egisz-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A certificate made by OpenSSL the way Russian CAs shape them (signing.md §3.1), so parsing is checked against another encoder. */
function opensslCertificate(): Uint8Array {
  writeFileSync(join(dir, 'req.cnf'), `
oid_section = oids
[oids]
INNLE = 1.2.643.100.4
[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = utf8only
x509_extensions = ext
[dn]
C = RU
O = ООО «Клиника»
title = Главный врач
CN = Петров Пётр Петрович
SN = Петров
GN = Пётр Петрович
SNILS = 15642781886
INN = 771234567890
OGRN = 1027700000019
INNLE = 7701000001
[ext]
keyUsage = critical, digitalSignature, nonRepudiation, keyEncipherment
2.5.29.16 = ASN1:SEQUENCE:pkup
[pkup]
nb = IMP:0,GENTIME:20260101000000Z
na = IMP:1,GENTIME:20270401000000Z
`);
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.der');
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
  execFileSync('openssl', ['req', '-new', '-x509', '-key', key, '-config', join(dir, 'req.cnf'), '-days', '450', '-set_serial', '0x0123456789ABCDEF', '-outform', 'DER', '-out', cert]);
  return new Uint8Array(readFileSync(cert));
}

describe('parseCertificate', () => {
  it('reads the Russian subject fields, validity, PKUP and key usage of an OpenSSL-made certificate', () => {
    const der = opensslCertificate();
    const cert = parseCertificate(der);
    expect(cert.subject).toEqual({
      commonName: 'Петров Пётр Петрович',
      surname: 'Петров',
      givenName: 'Пётр Петрович',
      title: 'Главный врач',
      organization: 'ООО «Клиника»',
      snils: '15642781886',
      inn: '771234567890',
      ogrn: '1027700000019',
      innle: '7701000001',
    });
    expect(cert.issuerCommonName).toBe('Петров Пётр Петрович');
    expect(cert.serialNumberHex).toBe('0123456789abcdef');
    expect(cert.privateKeyUsagePeriod).toEqual({ notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-04-01T00:00:00Z') });
    expect(cert.keyUsage).toEqual(['digitalSignature', 'nonRepudiation', 'keyEncipherment']);
    expect(cert.keyAlgorithm).toBe('ecdsa-p256');
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).toBe(450 * 86_400_000);
  });

  it('computes the same SHA-256 fingerprint as OpenSSL', () => {
    const der = makeLeaf(makeCa()).der;
    writeFileSync(join(dir, 'leaf.der'), der);
    const out = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', join(dir, 'leaf.der'), '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    const opensslFingerprint = normalizeFingerprint(out.split('=')[1] ?? '');
    expect(parseCertificate(der).fingerprint).toBe(opensslFingerprint);
    expect(opensslFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('recognises RSA keys', () => {
    expect(parseCertificate(makeLeaf(makeCa(), { keyType: 'rsa' }).der).keyAlgorithm).toBe('rsa');
  });

  it('reports an empty key usage list when the extension is absent', () => {
    expect(parseCertificate(makeLeaf(makeCa(), { keyUsage: undefined }).der).keyUsage).toEqual([]);
  });

  it('throws on bytes that are not a certificate', () => {
    expect(() => parseCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow();
  });
});

describe('normalizeFingerprint', () => {
  it('accepts colon-separated upper-case hex', () => {
    expect(normalizeFingerprint('AB:CD:0f')).toBe('abcd0f');
  });
});
