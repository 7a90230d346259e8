/**
 * The organization signature NSI 1520 MO_SIGN asks for on a consultation
 * protocol: a refusal in enforce mode, a registration warning in warn mode,
 * and a clean registration when the organization's own token signs too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization } from '../../../agent/demo/demo-clinic.ts';
import { createTokenFixture } from '../../support/token-fixture.ts';
import type { TokenFixture } from '../../support/token-fixture.ts';
import { startRemdHarness } from '../remd/remd-harness.ts';
import type { RemdHarness } from '../remd/remd-harness.ts';
import { signedDemoDocument } from '../remd/signed-document.ts';

let doctor: TokenFixture;
let organization: TokenFixture;
let warn: RemdHarness;
let enforce: RemdHarness;

beforeAll(async () => {
  doctor = await createTokenFixture();
  organization = await createTokenFixture({ personal: false, label: 'ORG-TOKEN' });
  // Schematron has its own test; here only the organization signature may remark.
  warn = await startRemdHarness({ schematron: 'off' });
  enforce = await startRemdHarness({ orgSignature: 'enforce', schematron: 'off' });
});
afterAll(async () => {
  await warn?.close();
  await enforce?.close();
  await doctor?.cleanup();
  await organization?.cleanup();
});

async function register(remd: RemdHarness, withOrgSignature: boolean) {
  const doc = await signedDemoDocument(doctor);
  if (withOrgSignature) {
    const cms = await organization.client.signDetached({ content: doc.file, certificateFingerprint: organization.certificate.fingerprint, pin: organization.pin });
    doc.request.orgSignature = { data: Buffer.from(cms).toString('base64') };
  }
  remd.files.set(doc.localUid, doc.file);
  const answer = await remd.client().registerDocument(doc.request);
  expect(answer.status).toBe('accepted');
  return remd.result(answer.messageId);
}

describe('organization signature', () => {
  it('refuses a consultation without it in enforce mode', async () => {
    const result = await register(enforce, false);
    expect(result.errors?.map((e) => e.code)).toEqual(['ORG_SIGNATURE_OCCURRENCE_MISMATCH']);
  });

  it('registers it with a warning in warn mode', async () => {
    const result = await register(warn, false);
    expect(result.status).toBe('success');
    expect(result.registryItem?.registrationWarnings?.map((w) => w.code)).toEqual(['ORG_SIGNATURE_OCCURRENCE_MISMATCH']);
  });

  it('registers a consultation signed by the doctor and the organization without remarks', async () => {
    expect(organization.certificate.subject.ogrn).toBe('1027700000019');
    const result = await register(enforce, true);
    expect(result.errors).toBeUndefined();
    expect(result.registryItem?.registrationWarnings).toBeUndefined();
  });

  it('refuses an organization signature by another organization\'s certificate', async () => {
    const stranger = await createTokenFixture({ personal: false, label: 'OTHER-ORG', organization: { ...demoOrganization, ogrn: '1027700000020' } });
    try {
      const doc = await signedDemoDocument(doctor);
      const cms = await stranger.client.signDetached({ content: doc.file, certificateFingerprint: stranger.certificate.fingerprint, pin: stranger.pin });
      doc.request.orgSignature = { data: Buffer.from(cms).toString('base64') };
      enforce.files.set(doc.localUid, doc.file);
      const answer = await enforce.client().registerDocument(doc.request);
      const result = await enforce.result(answer.messageId);
      expect(result.errors?.map((e) => e.code)).toEqual(['VALUE_MISMATCH_METADATA_AND_CERTIFICATE']);
    } finally {
      await stranger.cleanup();
    }
  });
});
