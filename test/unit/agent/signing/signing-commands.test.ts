import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../../../agent/signing/certificate.ts';
import { chooseCertificate } from '../../../../agent/signing/signing-commands.ts';
import type { TokenCertificate } from '../../../../agent/signing/token-client.ts';
import { makeCa, makeLeaf } from './test-certificates.ts';

const ca = makeCa();
const onToken = (keyId: string): TokenCertificate => {
  const der = makeLeaf(ca).der;
  return { tokenLabel: 'T', slotId: 1, keyId, der, certificate: parseCertificate(der) };
};
const a = onToken('0a0a');
const b = onToken('0b0b');
const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('chooseCertificate', () => {
  it('takes the only certificate when none is named', () => {
    expect(chooseCertificate([a])).toBe(a);
  });
  it('asks to choose when there are several', () => {
    expect(codeOf(() => chooseCertificate([a, b]))).toBe('TOKEN_CERT_AMBIGUOUS');
  });
  it('finds by full fingerprint, colon form, prefix or CKA_ID', () => {
    expect(chooseCertificate([a, b], b.certificate.fingerprint)).toBe(b);
    expect(chooseCertificate([a, b], b.certificate.fingerprint.toUpperCase().match(/../g)!.join(':'))).toBe(b);
    expect(chooseCertificate([a, b], b.certificate.fingerprint.slice(0, 8))).toBe(b);
    expect(chooseCertificate([a, b], '0A0A')).toBe(a);
  });
  it('refuses a too short prefix, an unknown one and an empty token', () => {
    expect(codeOf(() => chooseCertificate([a, b], b.certificate.fingerprint.slice(0, 4)))).toBe('TOKEN_CERT_NOT_FOUND');
    expect(codeOf(() => chooseCertificate([a, b], 'ffffffffffff'))).toBe(a.certificate.fingerprint.startsWith('ffffffffffff') ? 'OK' : 'TOKEN_CERT_NOT_FOUND');
    expect(codeOf(() => chooseCertificate([]))).toBe('TOKEN_CERT_NOT_FOUND');
  });
});
