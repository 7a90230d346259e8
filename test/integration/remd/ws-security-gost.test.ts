/**
 * WS-Security with GOST R 34.10-2012 keys made by OpenSSL's gost-engine: the
 * envelope signed the way a token would (Streebog digest in, s‖r out) and
 * checked with the GOST suite, in both URI spellings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gostSigner as curveSigner } from '../../../agent/signing/gost-algorithms.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { NS } from '../../../agent/egisz/remd/remd-contract.ts';
import { buildEnvelope, newMessageId } from '../../../agent/egisz/remd/soap-envelope.ts';
import { signEnvelope } from '../../../agent/egisz/remd/ws-security.ts';
import { nodeAlgorithms, withAlgorithms } from '../../../agent/egisz/remd/ws-security-algorithms.ts';
import { gostAlgorithms, gostSigner } from '../../../agent/egisz/remd/ws-security-gost.ts';
import { verifyEnvelopeSecurity } from '../../../agent/egisz/remd/ws-security-verify.ts';
import { gostEngineAvailable, OpensslGost } from '../../gost-token/openssl-gost.ts';
import { startRemdHarness } from './remd-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'egisz-wss-gost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const suite = withAlgorithms(nodeAlgorithms, gostAlgorithms);

const envelope = () =>
  buildEnvelope({
    messageId: newMessageId(), action: 'registerDocument', to: 'https://ips.test/remd', replyTo: 'http://127.0.0.1:1/cb',
    clientEntityId: 'client-1', body: (b) => b.ele(NS.service, 'ser:registerDocumentRequest').ele(NS.service, 'ser:localUid').txt('u-1'),
  });

describe.skipIf(!gostEngineAvailable()).each([
  [256, 'A', 'S-256-A', 'xmldsig-more'],
  [256, 'B', 'S-256-B', 'cryptopro'],
  [512, 'A', 'T-512-A', 'xmldsig-more'],
] as const)('GOST R 34.10-2012-%i, param set %s', (bits, paramset, curve, spelling) => {
  const ossl = new OpensslGost(dir);
  const make = () => ossl.makeKeyAndCertificate(`wss-${bits}${paramset}`, bits, paramset);

  it(`signs and verifies with the ${spelling} URIs`, async () => {
    const key = await make();
    const engine = curveSigner(bits, curve);
    const signer = gostSigner({ certificateDer: key.certDer, bits, spelling, signDigest: (d) => new Uint8Array(engine.sign(key.privateKey, d)) });
    const xml = await signEnvelope(envelope(), signer);
    expect(xml).toContain(signer.signatureAlgorithm);
    expect(verifyEnvelopeSecurity(xml, { algorithms: suite })).toMatchObject({ ok: true });
    expect(verifyEnvelopeSecurity(xml.replace('>u-1<', '>u-2<'), { algorithms: suite })).toMatchObject({ ok: false, code: 'wsse:FailedCheck' });
    // Without the GOST suite the sandbox says what it lacks.
    expect(verifyEnvelopeSecurity(xml)).toMatchObject({ ok: false, code: 'wsse:UnsupportedAlgorithm' });
  });

  it('is accepted by the sandbox that requires WS-Security', async () => {
    const key = await make();
    const engine = curveSigner(bits, curve);
    const signer = gostSigner({ certificateDer: key.certDer, bits, spelling, signDigest: (d) => new Uint8Array(engine.sign(key.privateKey, d)) });
    const remd = await startRemdHarness({ wsSecurity: 'require' });
    try {
      const signed = remd.client(undefined, { secureEnvelope: (xml) => signEnvelope(xml, signer) });
      expect(await signed.searchRegistryItem({ kind: '119' })).toEqual({ status: 'success', items: [] });
      await expect(remd.client().searchRegistryItem({ kind: '119' })).rejects.toMatchObject({ code: 'SUBMIT_REMD_FAULT' });
    } finally {
      await remd.close();
    }
  });
});
