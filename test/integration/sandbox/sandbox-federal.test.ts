/**
 * The sandbox's federal checks on really signed documents: FRMR from the
 * certificate's SNILS, the certificate's dates against the document, the
 * system's binding to the organization.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadFederalDataset } from '../../../agent/sandbox/federal-dataset.ts';
import { createTokenFixture } from '../../support/token-fixture.ts';
import type { TokenFixture } from '../../support/token-fixture.ts';
import { startRemdHarness } from '../remd/remd-harness.ts';
import type { RemdHarness } from '../remd/remd-harness.ts';
import { registerSignedDocument, signedDemoDocument } from '../remd/signed-document.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setUp(token: Partial<Parameters<typeof createTokenFixture>[0]> = {}, dataset = loadFederalDataset()) {
  const fixture: TokenFixture = await createTokenFixture(token);
  cleanups.push(() => fixture.cleanup());
  const remd: RemdHarness = await startRemdHarness({ dataset });
  cleanups.push(() => remd.close());
  return { fixture, remd };
}

const register = registerSignedDocument;

describe('sandbox federal checks', () => {
  it('answers PERSON_NOT_FOUND when FRMR does not know the signer', async () => {
    const dataset = loadFederalDataset();
    dataset.staff = dataset.staff.filter((s) => s.snils !== '11223344595');
    const { fixture, remd } = await setUp({}, dataset);
    const result = await register(fixture, remd);
    expect(result.errors?.map((e) => e.code)).toEqual(['PERSON_NOT_FOUND']);
    expect(result.errors?.[0]?.message).toContain('[11223344595]');
  });

  it('answers VALUE_MISMATCH_METADATA_AND_FRMR when FRMR spells the name otherwise', async () => {
    const dataset = loadFederalDataset();
    const doctor = dataset.staff.find((s) => s.snils === '11223344595')!;
    doctor.lastName = 'Иванова-Петрова';
    const { fixture, remd } = await setUp({}, dataset);
    expect((await register(fixture, remd)).errors?.map((e) => e.code)).toEqual(['VALUE_MISMATCH_METADATA_AND_FRMR']);
  });

  it('answers VALUE_MISMATCH_METADATA_AND_CERTIFICATE when the certificate names another SNILS', async () => {
    const { fixture, remd } = await setUp({ snilsOverride: '12345678964' });
    const codes = (await register(fixture, remd)).errors?.map((e) => e.code);
    expect(codes).toContain('VALUE_MISMATCH_METADATA_AND_CERTIFICATE');
  });

  it('answers DOC_DATE_MISMATCH_CERT_NOT_BEFORE for a document older than the certificate', async () => {
    const { fixture, remd } = await setUp({ validFrom: new Date(Date.now() - 30 * 60_000) });
    expect((await register(fixture, remd)).errors?.map((e) => e.code)).toEqual(['DOC_DATE_MISMATCH_CERT_NOT_BEFORE']);
  });

  it('answers DOC_DATE_MISMATCH_CERT_NOT_AFTER for a document made after the certificate expired', async () => {
    const hour = 3_600_000;
    const { fixture, remd } = await setUp({ validFrom: new Date(Date.now() - 3 * hour), validTo: new Date(Date.now() - 1.5 * hour) });
    expect((await register(fixture, remd)).errors?.map((e) => e.code)).toEqual([
      'DOC_DATE_MISMATCH_CERT_NOT_AFTER',
      'PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT',
    ]);
  });

  it('refuses a signature by a revoked certificate', async () => {
    const fixture: TokenFixture = await createTokenFixture();
    cleanups.push(() => fixture.cleanup());
    const dataset = loadFederalDataset();
    dataset.revokedCertificates = [{ serialNumber: fixture.certificate.serialNumberHex, revokedAt: new Date(Date.now() - 60_000).toISOString() }];
    const remd = await startRemdHarness({ dataset });
    cleanups.push(() => remd.close());
    const result = await register(fixture, remd);
    expect(result.errors?.map((e) => e.code)).toEqual(['SIGNATURE_VERIFICATION_ERROR']);
    expect(result.errors?.[0]?.message).toContain('отозван');
  });

  it('refuses an organization that is not bound to the system', async () => {
    const dataset = loadFederalDataset();
    dataset.organizations[0]!.boundSystems = [];
    const { fixture, remd } = await setUp({}, dataset);
    const doc = await signedDemoDocument(fixture);
    const answer = await remd.client().registerDocument(doc.request);
    expect(answer.status === 'rejected' && answer.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('не привязана к РМИС [6f1c1f8e-3b1a-4c55-9d3e-5a7d2b9c0e11]'),
    ]);
  });
});
