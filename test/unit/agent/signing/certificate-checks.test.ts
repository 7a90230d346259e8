import { describe, expect, it } from 'vitest';
import { checkCertificateNow, checkSigningCertificate } from '../../../../agent/signing/certificate-checks.ts';
import { parseCertificate, summarizeCertificate } from '../../../../agent/signing/certificate.ts';
import { KEY_USAGE } from '../../../../agent/signing/certificate-issuer.ts';
import { DAY, doctorSubject, makeCa, makeLeaf } from './test-certificates.ts';

const ca = makeCa();
const now = new Date();
const ctx = { now, documentDate: now, practitionerSnils: '11223344595' };
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('checkSigningCertificate', () => {
  it('accepts a valid personal signing certificate of the practitioner', () => {
    const cert = parseCertificate(makeLeaf(ca).der);
    expect(checkSigningCertificate(cert, ctx)).toEqual([]);
  });

  it('refuses an expired certificate (now)', () => {
    const cert = parseCertificate(makeLeaf(ca, { notBefore: new Date(+now - 400 * DAY), notAfter: new Date(+now - DAY) }).der);
    const issues = checkSigningCertificate(cert, { ...ctx, documentDate: new Date(+now - 10 * DAY) });
    expect(codes(issues)).toEqual(['TOKEN_CERT_EXPIRED']);
    expect(issues[0]).toMatchObject({ severity: 'error', remdCode: 'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT' });
    expect(issues[0]?.message).toMatch(/истёк/);
  });

  it('refuses a certificate that is not yet valid', () => {
    const cert = parseCertificate(makeLeaf(ca, { notBefore: new Date(+now + 2 * DAY), notAfter: new Date(+now + 300 * DAY) }).der);
    const issues = checkSigningCertificate(cert, { ...ctx, documentDate: new Date(+now + 3 * DAY) });
    expect(codes(issues)).toEqual(['TOKEN_CERT_NOT_YET_VALID']);
  });

  it('refuses a key whose private key usage period is over while the certificate is valid', () => {
    const cert = parseCertificate(makeLeaf(ca, { privateKeyUsagePeriod: { notBefore: new Date(+now - 30 * DAY), notAfter: new Date(+now - DAY) } }).der);
    const issues = checkSigningCertificate(cert, { ...ctx, documentDate: new Date(+now - 2 * DAY) });
    expect(codes(issues)).toEqual(['TOKEN_KEY_EXPIRED']);
  });

  it('refuses a document dated after the certificate ends (DOC_DATE_MISMATCH_CERT_NOT_AFTER)', () => {
    const cert = parseCertificate(makeLeaf(ca, { notAfter: new Date(+now + 100 * DAY) }).der);
    const issues = checkSigningCertificate(cert, { ...ctx, documentDate: new Date(+now + 101 * DAY) });
    expect(issues.find((i) => i.code === 'TOKEN_CERT_NOT_VALID_ON_DOCUMENT_DATE')).toMatchObject({
      path: 'document.createdAt', remdCode: 'DOC_DATE_MISMATCH_CERT_NOT_AFTER',
    });
  });

  it('refuses a document dated before the certificate starts (DOC_DATE_MISMATCH_CERT_NOT_BEFORE)', () => {
    const cert = parseCertificate(makeLeaf(ca, { notBefore: new Date(+now - 5 * DAY) }).der);
    const issues = checkSigningCertificate(cert, { ...ctx, documentDate: new Date(+now - 6 * DAY) });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'TOKEN_CERT_NOT_VALID_ON_DOCUMENT_DATE', remdCode: 'DOC_DATE_MISMATCH_CERT_NOT_BEFORE' });
  });

  it('refuses a document dated outside the private key usage period', () => {
    const cert = parseCertificate(makeLeaf(ca, { privateKeyUsagePeriod: { notBefore: new Date(+now - 10 * DAY), notAfter: new Date(+now + 200 * DAY) } }).der);
    const issues = checkSigningCertificate(cert, { ...ctx, documentDate: new Date(+now - 20 * DAY) });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'TOKEN_KEY_NOT_VALID_ON_DOCUMENT_DATE', remdCode: 'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_DOC_CREATION_DT' });
  });

  it('refuses a certificate whose key usage does not allow signing', () => {
    const cert = parseCertificate(makeLeaf(ca, { keyUsage: KEY_USAGE.keyEncipherment | KEY_USAGE.dataEncipherment }).der);
    const issues = checkSigningCertificate(cert, ctx);
    expect(issues).toEqual([expect.objectContaining({ code: 'TOKEN_CERT_KEY_USAGE', remdCode: 'INVALID_CERT_KEY_USAGE' })]);
  });

  it('accepts nonRepudiation alone as a signing key usage', () => {
    const cert = parseCertificate(makeLeaf(ca, { keyUsage: KEY_USAGE.nonRepudiation }).der);
    expect(checkSigningCertificate(cert, ctx)).toEqual([]);
  });

  it('refuses a certificate of another person (SNILS differs)', () => {
    const cert = parseCertificate(makeLeaf(ca, { subject: { ...doctorSubject, snils: '08765430300' } }).der);
    const issues = checkSigningCertificate(cert, ctx);
    expect(issues).toEqual([expect.objectContaining({ code: 'TOKEN_CERT_SNILS_MISMATCH', path: 'practitioner.snils' })]);
    expect(issues[0]?.message).toContain('087-654-303 00');
  });

  it('compares SNILS ignoring separators in the record', () => {
    const cert = parseCertificate(makeLeaf(ca).der);
    expect(checkSigningCertificate(cert, { ...ctx, practitionerSnils: '112-233-445 95' })).toEqual([]);
  });

  it('refuses an organisation-only certificate (no SNILS)', () => {
    const { snils: _s, surname: _sn, givenName: _g, inn: _i, ...org } = doctorSubject;
    const cert = parseCertificate(makeLeaf(ca, { subject: { ...org, commonName: org.organization ?? '' } }).der);
    const issues = checkSigningCertificate(cert, ctx);
    expect(codes(issues)).toEqual(['TOKEN_CERT_NOT_PERSONAL']);
  });

  it.each([
    [40, undefined],
    [30, 'TOKEN_CERT_EXPIRES_IN_30_DAYS'],
    [15, 'TOKEN_CERT_EXPIRES_IN_30_DAYS'],
    [14, 'TOKEN_CERT_EXPIRES_IN_14_DAYS'],
    [4, 'TOKEN_CERT_EXPIRES_IN_14_DAYS'],
    [3, 'TOKEN_CERT_EXPIRES_IN_3_DAYS'],
    [1, 'TOKEN_CERT_EXPIRES_IN_3_DAYS'],
  ])('warns when %i days are left: %s', (days, code) => {
    // Half a day short of the full count, so rounding up lands on `days`.
    const cert = parseCertificate(makeLeaf(ca, { notAfter: new Date(+now + days * DAY - DAY / 2) }).der);
    const issues = checkSigningCertificate(cert, ctx);
    expect(codes(issues)).toEqual(code ? [code] : []);
    if (code) expect(issues[0]?.severity).toBe('warning');
  });

  it('counts expiry from the private key usage period when it ends first', () => {
    const cert = parseCertificate(makeLeaf(ca, { privateKeyUsagePeriod: { notAfter: new Date(+now + 2 * DAY) } }).der);
    expect(codes(checkSigningCertificate(cert, ctx))).toEqual(['TOKEN_CERT_EXPIRES_IN_3_DAYS']);
  });
});

describe('checkCertificateNow', () => {
  it('reports validity, key usage and the organisation-only case, without a document', () => {
    const { snils: _s, ...noSnils } = doctorSubject;
    const cert = parseCertificate(makeLeaf(ca, { subject: noSnils, keyUsage: KEY_USAGE.keyEncipherment, notAfter: new Date(+now - DAY), notBefore: new Date(+now - 10 * DAY) }).der);
    expect(codes(checkCertificateNow(cert, now))).toEqual(['TOKEN_CERT_EXPIRED', 'TOKEN_CERT_KEY_USAGE', 'TOKEN_CERT_NOT_PERSONAL']);
  });
  it('has nothing to say about a good certificate', () => {
    expect(checkCertificateNow(parseCertificate(makeLeaf(ca).der), now)).toEqual([]);
  });
});

describe('summarizeCertificate', () => {
  it('shows the owner, SNILS, issuer and validity', () => {
    const cert = parseCertificate(makeLeaf(ca).der);
    const summary = summarizeCertificate(cert);
    expect(summary).toMatchObject({ owner: 'Иванова Мария Петровна', snils: '11223344595', issuer: 'Тестовый УЦ', fingerprint: cert.fingerprint, warnings: [] });
    expect(new Date(summary.notAfter).getTime()).toBe(cert.notAfter.getTime());
  });
});
