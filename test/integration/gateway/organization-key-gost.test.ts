/**
 * The organization key on a GOST 2012 token (the test token over PKCS#11):
 * WS-Security with the xmldsig-more GOST URIs that IPS checks, and the
 * organization CAdES-BES, for both key sizes and both ways a token signs
 * (the digest, or hash-on-token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrganizationKey, type OrganizationSigner } from '../../../agent/gateway/organization-key.ts';
import { buildEnvelope } from '../../../agent/egisz/remd/soap-envelope.ts';
import { nodeAlgorithms, SIGNATURE_ALGORITHM, withAlgorithms } from '../../../agent/egisz/remd/ws-security-algorithms.ts';
import { gostAlgorithms } from '../../../agent/egisz/remd/ws-security-gost.ts';
import { verifyEnvelopeSecurity } from '../../../agent/egisz/remd/ws-security-verify.ts';
import { signEnvelope } from '../../../agent/egisz/remd/ws-security.ts';
import { verifyDetachedCms } from '../../../agent/signing/verify-cms.ts';
import { createGostTokenFixture, gostTokenBuildable, type GostTokenFixture } from '../../gost-token/gost-token-fixture.ts';

const envelope = buildEnvelope({
  messageId: 'urn:uuid:6f1c1f8e-0000-4c55-9d3e-5a7d2b9c0e11', action: 'registerDocument', to: 'https://ips.example/emdr',
  replyTo: 'https://mis.example/remd/callback', clientEntityId: 'c', body: (b) => void b.ele('ping').txt('1'),
});

describe.skipIf(!gostTokenBuildable())('organization key on a GOST token', () => {
  describe.each([
    [256, 'digest,withhash'], [256, 'withhash'], [512, 'digest,withhash'],
  ] as const)('GOST-%i, mechanisms %s', (bits, mechanisms) => {
    let t: GostTokenFixture;
    let key: OrganizationSigner;
    beforeAll(async () => {
      t = await createGostTokenFixture({ bits, mechanisms });
      process.env.EGISZ_TEST_GOST_ORG_PIN = t.pin;
      key = await openOrganizationKey({ token: t.config, pinEnv: 'EGISZ_TEST_GOST_ORG_PIN' });
    });
    afterAll(async () => {
      await key?.close();
      await t?.cleanup();
    });

    it('signs the envelope so that the IPS-side check accepts it', async () => {
      const signed = await signEnvelope(envelope, key.wsSecurity);
      expect(signed).toContain(bits === 256 ? SIGNATURE_ALGORITHM.gost2012_256 : SIGNATURE_ALGORITHM.gost2012_512);
      const verdict = verifyEnvelopeSecurity(signed, { algorithms: withAlgorithms(nodeAlgorithms, gostAlgorithms) });
      expect(verdict).toMatchObject({ ok: true });
      const altered = signed.replace('<ping>1</ping>', '<ping>2</ping>');
      expect(verifyEnvelopeSecurity(altered, { algorithms: withAlgorithms(nodeAlgorithms, gostAlgorithms) })).toMatchObject({ ok: false });
    });

    it('signs the organization CAdES-BES', async () => {
      const content = new TextEncoder().encode('<ClinicalDocument>ГОСТ</ClinicalDocument>');
      expect(verifyDetachedCms(content, await key.signDetached(content)).ok).toBe(true);
    });
  });
});
