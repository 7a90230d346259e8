/**
 * Fault switches set over HTTP (POST /sandbox/faults) and what a REMD client
 * sees: 5xx and dropped connections as retriable transport errors, RATE_LIMIT
 * as an NSI 305 refusal, a lost callback with the registration still made.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemdTransportError } from '../../../agent/egisz/remd/remd-transport-error.ts';
import { newMessageId } from '../../../agent/egisz/remd/soap-envelope.ts';
import { createTokenFixture } from '../../support/token-fixture.ts';
import type { TokenFixture } from '../../support/token-fixture.ts';
import { startRemdHarness } from '../remd/remd-harness.ts';
import type { RemdHarness } from '../remd/remd-harness.ts';
import { signedDemoDocument } from '../remd/signed-document.ts';

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
afterEach(async () => {
  await setFaults({ reset: true });
});

async function setFaults(body: unknown): Promise<Response> {
  return fetch(`${remd.url}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function submitted() {
  const doc = await signedDemoDocument(token);
  remd.files.set(doc.localUid, doc.file);
  return doc;
}

const transportError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as RemdTransportError);

describe('sandbox fault switches', () => {
  it('answers the next request with 503, then works again', async () => {
    expect((await setFaults({ serverError: { next: 1 } })).status).toBe(200);
    const doc = await submitted();
    const error = await transportError(remd.client().registerDocument(doc.request));
    expect(error).toBeInstanceOf(RemdTransportError);
    expect(error).toMatchObject({ code: 'SUBMIT_HTTP_STATUS', retriable: true, httpStatus: 503 });
    // The refused attempt registered nothing: the same localUid goes through.
    const answer = await remd.client().registerDocument(doc.request);
    expect(answer.status).toBe('accepted');
    expect((await remd.result(answer.messageId)).status).toBe('success');
  });

  it('drops the connection', async () => {
    await setFaults({ dropConnection: { next: 1 } });
    const error = await transportError(remd.client().registerDocument((await submitted()).request));
    expect(error).toMatchObject({ code: 'SUBMIT_NETWORK', retriable: true });
  });

  it('loses the answer of a request that took effect: a retry meets NOT_UNIQUE_PROVIDED_ID, the callback still comes', async () => {
    await setFaults({ lostResponse: { next: 1 } });
    const doc = await submitted();
    const messageId = newMessageId();
    const error = await transportError(remd.client().registerDocument(doc.request, messageId));
    expect(error).toMatchObject({ code: 'SUBMIT_NETWORK', retriable: true });
    const retry = await remd.client().registerDocument(doc.request);
    expect(retry.status === 'rejected' && retry.errors.map((e) => e.code)).toEqual(['NOT_UNIQUE_PROVIDED_ID']);
    const result = await remd.result(messageId);
    expect(result).toMatchObject({ status: 'success', localUid: doc.localUid });
    expect(remd.sandbox.registry().filter((e) => e.localUid === doc.localUid)).toHaveLength(1);
  });

  it('answers CA_INACCESSIBILITY asynchronously; the same localUid then registers', async () => {
    await setFaults({ caUnavailable: { next: 1 } });
    const doc = await submitted();
    const first = await remd.client().registerDocument(doc.request);
    const refused = await remd.result(first.messageId);
    expect(refused.errors?.map((e) => e.code)).toEqual(['CA_INACCESSIBILITY']);
    const second = await remd.client().registerDocument(doc.request);
    expect((await remd.result(second.messageId)).status).toBe('success');
  });

  it('refuses with RATE_LIMIT, which the catalogue marks retriable', async () => {
    await setFaults({ rateLimit: { next: 1 } });
    const answer = await remd.client().registerDocument((await submitted()).request);
    expect(answer.status === 'rejected' && answer.errors.map((e) => e.code)).toEqual(['RATE_LIMIT']);
  });

  it('loses the callback but keeps the registration, found again through searchRegistryItem', async () => {
    await setFaults({ lostCallback: { next: 1 } });
    const doc = await submitted();
    const answer = await remd.client().registerDocument(doc.request);
    expect(answer.status).toBe('accepted');
    await remd.sandbox.settled();
    expect(remd.results.find((r) => r.relatesToMessage === answer.messageId)).toBeUndefined();
    const search = await remd.client().searchRegistryItem({ patientSnils: doc.request.patient.snils });
    expect(search.status === 'success' && search.items.map((i) => i.localUid)).toContain(doc.localUid);
  });

  it('adds latency to every answer', async () => {
    await setFaults({ latencyMs: 300 });
    const started = Date.now();
    await remd.client().searchRegistryItem({ kind: '119' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('shows the switches and refuses nonsense', async () => {
    await setFaults({ rateLimit: { rate: 0.25 } });
    const state = (await (await fetch(`${remd.url}/sandbox/faults`)).json()) as { faults: { rateLimit: { rate: number } } };
    expect(state.faults.rateLimit.rate).toBe(0.25);
    const bad = await setFaults({ rateLimit: { rate: 5 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('SANDBOX_FAULTS_INVALID');
  });
});
