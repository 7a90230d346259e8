import { describe, expect, it } from 'vitest';
import type { ParsedCertificate } from '../../../../agent/signing/certificate.ts';
import { loadFederalDataset } from '../../../../agent/sandbox/federal-dataset.ts';
import { checkOrgSignature } from '../../../../agent/sandbox/org-signature-checks.ts';
import type { VerifyDetachedCms } from '../../../../agent/sandbox/signature-checks.ts';
import { sampleRequest } from '../egisz/remd/sample-request.ts';

const dataset = loadFederalDataset();
const file = new TextEncoder().encode('<ClinicalDocument/>');
const orgCert = (ogrn: string) =>
  ({ subject: { ogrn }, notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z'), keyUsage: [] }) as unknown as ParsedCertificate;
const verifyAs = (c: ParsedCertificate): VerifyDetachedCms => () => ({ ok: true, signer: c });
const codes = (v: { code: string }[]) => v.map((e) => e.code);

describe('org-signature-checks', () => {
  it('accepts the organization signature by a certificate with its OGRN', () => {
    const verdict = checkOrgSignature(file, sampleRequest(), dataset, verifyAs(orgCert('1027700000019')), 'enforce');
    expect(verdict).toEqual({ errors: [], warnings: [] });
  });

  it('refuses a missing organization signature in enforce mode, warns in warn mode', () => {
    const { orgSignature, ...request } = sampleRequest();
    void orgSignature;
    const verify = verifyAs(orgCert('1027700000019'));
    expect(codes(checkOrgSignature(file, request, dataset, verify, 'enforce').errors)).toEqual(['ORG_SIGNATURE_OCCURRENCE_MISMATCH']);
    const warned = checkOrgSignature(file, request, dataset, verify, 'warn');
    expect(warned.errors).toEqual([]);
    expect(codes(warned.warnings)).toEqual(['ORG_SIGNATURE_OCCURRENCE_MISMATCH']);
  });

  it('refuses a certificate of another organization, and a signature that does not verify', () => {
    expect(codes(checkOrgSignature(file, sampleRequest(), dataset, verifyAs(orgCert('1027700000020')), 'warn').errors)).toEqual([
      'VALUE_MISMATCH_METADATA_AND_CERTIFICATE',
    ]);
    const failing: VerifyDetachedCms = () => ({ ok: false, code: 'SIGNATURE_VERIFICATION_ERROR', message: 'x' });
    expect(codes(checkOrgSignature(file, sampleRequest(), dataset, failing, 'warn').errors)).toEqual(['SIGNATURE_VERIFICATION_ERROR']);
  });

  it('refuses an organization signature that repeats a personal one', () => {
    const request = sampleRequest();
    request.orgSignature = { data: request.personalSignatures[0]!.signature.data };
    expect(codes(checkOrgSignature(file, request, dataset, verifyAs(orgCert('1027700000019')), 'warn').errors)).toEqual(['SIGNATURE_DUPLICATION']);
  });
});
