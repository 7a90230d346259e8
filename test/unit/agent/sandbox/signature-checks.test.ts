import { describe, expect, it } from 'vitest';
import type { ParsedCertificate } from '../../../../agent/signing/certificate.ts';
import { checkSignatures } from '../../../../agent/sandbox/signature-checks.ts';
import type { VerifyDetachedCms } from '../../../../agent/sandbox/signature-checks.ts';
import { sampleRequest } from '../egisz/remd/sample-request.ts';

const file = new TextEncoder().encode('<ClinicalDocument/>');
const now = new Date('2026-11-26T09:00:00Z');
const cert = (over: Partial<ParsedCertificate> = {}) =>
  ({
    subject: { snils: '11223344595', surname: 'Иванова' },
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    ...over,
  }) as ParsedCertificate;
const accepting = (c: ParsedCertificate): VerifyDetachedCms => () => ({ ok: true, signer: c });

describe('signature-checks', () => {
  it('accepts a signature whose certificate fits the request', () => {
    const verdict = checkSignatures(file, sampleRequest(), accepting(cert()), now);
    expect(verdict.errors).toEqual([]);
    expect(verdict.verified).toHaveLength(1);
  });

  it('hands the verifier the file and the decoded CMS', () => {
    const seen: Uint8Array[] = [];
    checkSignatures(file, sampleRequest(), (content, cms) => { seen.push(content, cms); return { ok: true, signer: cert() }; }, now);
    expect(seen[0]).toBe(file);
    expect(Buffer.from(seen[1]!).toString('base64')).toBe('MIIBc2lnbmF0dXJl');
  });

  it.each<[string, ParsedCertificate, string[]]>([
    ['another SNILS in the certificate', cert({ subject: { snils: '12345678964', surname: 'Иванова' } }), ['VALUE_MISMATCH_METADATA_AND_CERTIFICATE']],
    ['a certificate expired before the document', cert({ notAfter: new Date('2026-11-25T00:00:00Z') }), ['DOC_DATE_MISMATCH_CERT_NOT_AFTER', 'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT']],
    ['a certificate issued after the document', cert({ notBefore: new Date('2026-11-26T08:00:00Z') }), ['DOC_DATE_MISMATCH_CERT_NOT_BEFORE']],
    ['a key not meant for signing', cert({ keyUsage: ['keyEncipherment'] }), ['INVALID_CERT_KEY_USAGE']],
  ])('reports %s', (_name, certificate, codes) => {
    expect(checkSignatures(file, sampleRequest(), accepting(certificate), now).errors.map((e) => e.code)).toEqual(codes);
  });

  it('keeps the verifier NSI 305 codes and maps others to SIGNATURE_VERIFICATION_ERROR', () => {
    const run = (code: string) =>
      checkSignatures(file, sampleRequest(), () => ({ ok: false, code, message: 'x' }), now).errors.map((e) => e.code);
    expect(run('MULTIPLE_SIGNERS')).toEqual(['MULTIPLE_SIGNERS']);
    expect(run('CMS_SOMETHING')).toEqual(['SIGNATURE_VERIFICATION_ERROR']);
  });

  it('reports undecodable and duplicated signatures', () => {
    const request = sampleRequest();
    const first = request.personalSignatures[0]!;
    request.personalSignatures.push({ ...first }, { signer: first.signer, signature: { data: 'не base64!' } });
    const codes = checkSignatures(file, request, accepting(cert()), now).errors.map((e) => e.code);
    expect(codes).toEqual(['SIGNATURE_DUPLICATION', 'SIGNATURE_DECODING_ERROR']);
  });
});
