/**
 * WS-Security between RemdClient and the sandbox set to require it, as IPS
 * does: signed requests register end to end; unsigned, altered or foreign
 * ones are refused with WS-Security faults before REMD looks at them.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClientEntityId } from '../../../agent/demo/demo-clinic.ts';
import { RemdTransportError } from '../../../agent/egisz/remd/remd-transport-error.ts';
import { keyPairSigner, signEnvelope } from '../../../agent/egisz/remd/ws-security.ts';
import { loadFederalDataset } from '../../../agent/sandbox/federal-dataset.ts';
import { createTokenFixture } from '../../support/token-fixture.ts';
import type { TokenFixture } from '../../support/token-fixture.ts';
import { selfSignedCertificate } from '../../unit/agent/egisz/remd/test-certificate.ts';
import { startRemdHarness } from '../remd/remd-harness.ts';
import type { RemdHarness } from '../remd/remd-harness.ts';
import { signedDemoDocument } from '../remd/signed-document.ts';

const system = selfSignedCertificate('ec');
const stranger = selfSignedCertificate('rsa');
let token: TokenFixture;
let remd: RemdHarness;

beforeAll(async () => {
  const dataset = loadFederalDataset();
  dataset.systems.find((s) => s.clientEntityId === demoClientEntityId)!.certificateSerialNumber = new X509Certificate(system.certificatePem).serialNumber;
  token = await createTokenFixture();
  remd = await startRemdHarness({ dataset, wsSecurity: 'require' });
});
afterAll(async () => {
  await remd?.close();
  await token?.cleanup();
});

const signedBy = (pair: typeof system) => {
  const signer = keyPairSigner(pair.keyPem, pair.certificatePem);
  return { secureEnvelope: (xml: string) => signEnvelope(xml, signer) };
};

async function refusal(promise: Promise<unknown>): Promise<RemdTransportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RemdTransportError);
  return error as RemdTransportError;
}

describe('WS-Security at the sandbox', () => {
  it('registers a document whose requests are signed with the system certificate', async () => {
    const doc = await signedDemoDocument(token);
    remd.files.set(doc.localUid, doc.file);
    const client = remd.client(demoClientEntityId, signedBy(system));
    const answer = await client.registerDocument(doc.request);
    expect(answer.status).toBe('accepted');
    const result = await remd.result(answer.messageId);
    expect(result.status).toBe('success');
    const item = await client.getRegistryItem(result.registryItem?.emdrId ?? '');
    expect(item.status).toBe('found');
  });

  it('refuses an unsigned request', async () => {
    const doc = await signedDemoDocument(token);
    const error = await refusal(remd.client().registerDocument(doc.request));
    expect(error).toMatchObject({ code: 'SUBMIT_REMD_FAULT', retriable: false, httpStatus: 400 });
    expect(error.message).toContain('не подписано');
  });

  it('refuses a request signed with a certificate not registered for the system', async () => {
    const doc = await signedDemoDocument(token);
    const error = await refusal(remd.client(demoClientEntityId, signedBy(stranger)).registerDocument(doc.request));
    expect(error.message).toContain('не зарегистрирован для системы');
  });

  it('refuses a request altered after signing', async () => {
    const doc = await signedDemoDocument(token);
    const signer = keyPairSigner(system.keyPem, system.certificatePem);
    const client = remd.client(demoClientEntityId, {
      secureEnvelope: async (xml) => (await signEnvelope(xml, signer)).replace('<ser:kind>119</ser:kind>', '<ser:kind>227</ser:kind>'),
    });
    const error = await refusal(client.registerDocument(doc.request));
    expect(error.message).toContain('изменён после подписания');
    expect(remd.sandbox.registry().some((e) => e.localUid === doc.localUid)).toBe(false);
  });
});
