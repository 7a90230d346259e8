/**
 * The whole REMD round trip over real HTTP: a SEMD built by buildSemd, signed
 * on a SoftHSM2 token, submitted through RemdClient; the sandbox fetches it
 * through getDocumentFile, checks it and answers by callback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenFixture } from '../../support/token-fixture.ts';
import type { TokenFixture } from '../../support/token-fixture.ts';
import { startRemdHarness } from './remd-harness.ts';
import type { RemdHarness } from './remd-harness.ts';
import { signedDemoDocument } from './signed-document.ts';

let token: TokenFixture;
let remd: RemdHarness;

beforeAll(async () => {
  token = await createTokenFixture();
  remd = await startRemdHarness();
});
afterAll(async () => {
  await remd?.close();
  await token?.cleanup();
});

const codes = (errors: { code: string }[] | undefined) => (errors ?? []).map((e) => e.code);

describe('registerDocument through the sandbox', () => {
  it('registers a signed SEMD: callback with an emdrId, listed in the registry', async () => {
    const doc = await signedDemoDocument(token);
    remd.files.set(doc.localUid, doc.file);
    const answer = await remd.client().registerDocument(doc.request);
    expect(answer.status).toBe('accepted');

    const result = await remd.result(answer.messageId);
    expect(result.errors).toBeUndefined();
    expect(result.status).toBe('success');
    expect(result.localUid).toBe(doc.localUid);
    const emdrId = result.registryItem?.emdrId ?? '';
    const now = new Date();
    const yymm = `${String(now.getUTCFullYear() % 100).padStart(2, '0')}.${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(emdrId).toMatch(new RegExp(`^77\\.119\\.${yymm.replace('.', '\\.')}\\.\\d{6}$`));

    const registry = (await (await fetch(`${remd.url}/sandbox/registry`)).json()) as { localUid: string; emdrId: string; kind: string; patientSnils: string }[];
    expect(registry).toContainEqual(expect.objectContaining({ localUid: doc.localUid, emdrId, kind: '119', patientSnils: doc.request.patient.snils }));

    const item = await remd.client().getRegistryItem(emdrId);
    expect(item).toMatchObject({ status: 'found', item: { emdrId, localUid: doc.localUid } });
    const search = await remd.client().searchRegistryItem({ patientSnils: doc.request.patient.snils, kind: '119' });
    expect(search.status === 'success' && search.items.map((i) => i.emdrId)).toContain(emdrId);

    // Each system sees only its own records.
    const foreign = await remd.client('d4a8c1e2-5f67-4b89-a0c3-7e1f2d3b4a56').getRegistryItem(emdrId);
    expect(foreign.status === 'error' && codes(foreign.errors)).toEqual(['REGISTRY_ITEM_NOT_FOUND']);

    // The same localUid again is refused synchronously.
    const again = await remd.client().registerDocument(doc.request);
    expect(again.status).toBe('rejected');
    expect(again.status === 'rejected' && codes(again.errors)).toEqual(['NOT_UNIQUE_PROVIDED_ID']);
  });

  it('refuses a file changed after signing with a signature error', async () => {
    const doc = await signedDemoDocument(token);
    const tampered = new TextDecoder().decode(doc.file).replace('Острая респираторная', 'Хроническая респираторная');
    expect(tampered).not.toBe(new TextDecoder().decode(doc.file));
    remd.files.set(doc.localUid, new TextEncoder().encode(tampered));
    const answer = await remd.client().registerDocument(doc.request);
    expect(answer.status).toBe('accepted');
    const result = await remd.result(answer.messageId);
    expect(result.status).toBe('error');
    expect(codes(result.errors)).toEqual(['SIGNATURE_VERIFICATION_ERROR']);
    expect(result.errors?.[0]?.message).toMatch(/^Подпись не верна/);
    // A refused localUid is free again.
    remd.files.set(doc.localUid, doc.file);
    const retry = await remd.client().registerDocument(doc.request);
    expect((await remd.result(retry.messageId)).status).toBe('success');
  });

  it('refuses an unknown information system with NO_RMIS', async () => {
    const doc = await signedDemoDocument(token);
    const answer = await remd.client('00000000-0000-4000-8000-000000000000').registerDocument(doc.request);
    expect(answer.status === 'rejected' && codes(answer.errors)).toEqual(['NO_RMIS']);
  });

  it('refuses a patient SNILS with a wrong checksum before fetching the file', async () => {
    const doc = await signedDemoDocument(token);
    const request = { ...doc.request, patient: { ...doc.request.patient, snils: '15642781887' } };
    const answer = await remd.client().registerDocument(request);
    expect(answer.status).toBe('rejected');
    const errors = answer.status === 'rejected' ? answer.errors : [];
    expect(codes(errors)).toEqual(['VALIDATION_ERROR']);
    expect(errors[0]?.message).toContain('СНИЛС пациента [15642781887]');
  });

  it('answers PATIENT_MPI_MISMATCH when the patient differs from ГИП', async () => {
    const doc = await signedDemoDocument(token, (r) => {
      r.patient.birthDate = '1981-05-14';
    });
    remd.files.set(doc.localUid, doc.file);
    const answer = await remd.client().registerDocument(doc.request);
    const result = await remd.result(answer.messageId);
    expect(codes(result.errors)).toEqual(['PATIENT_MPI_MISMATCH']);
  });

  it('answers a request that disagrees with its document', async () => {
    const doc = await signedDemoDocument(token);
    remd.files.set(doc.localUid, doc.file);
    const request = { ...doc.request, patient: { ...doc.request.patient, lastName: 'Петрова' } };
    const answer = await remd.client().registerDocument(request);
    const result = await remd.result(answer.messageId);
    expect(codes(result.errors)).toContain('VALIDATION_ERROR');
    expect(codes(result.errors)).toContain('PATIENT_MPI_MISMATCH');
    expect(result.errors?.find((e) => e.code === 'VALIDATION_ERROR')?.message).toContain('Фамилия пациента в ЭМД [Петров]');
  });

  it('answers WRONG_MESSAGE_ID when the MIS holds no file for the request', async () => {
    const doc = await signedDemoDocument(token);
    const answer = await remd.client().registerDocument(doc.request);
    const result = await remd.result(answer.messageId);
    expect(codes(result.errors)).toEqual(['WRONG_MESSAGE_ID']);
  });
});
