/**
 * The MIS side REMD talks to: the registerDocumentResult callback and the
 * getDocumentFile service, over real HTTP, with good and malformed input.
 * Callbacks are signed by a REMD identity the endpoint trusts; forged ones
 * (unsigned, another key, altered after signing, stale) are refused.
 */
import express from 'express';
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackEndpoint } from '../../../agent/egisz/remd/callback-endpoint.ts';
import { readDocumentFileAnswer, writeDocumentFileRequest } from '../../../agent/egisz/remd/document-file.ts';
import { createDocumentFileService } from '../../../agent/egisz/remd/document-file-service.ts';
import { writeRegisterDocumentResult } from '../../../agent/egisz/remd/register-document-result.ts';
import type { RegisterDocumentResult } from '../../../agent/egisz/remd/register-document-result.ts';
import { buildEnvelope, parseEnvelope } from '../../../agent/egisz/remd/soap-envelope.ts';
import { signEnvelope } from '../../../agent/egisz/remd/ws-security.ts';
import { loadOrCreateRemdIdentity } from '../../../agent/sandbox/remd-identity.ts';

const remd = loadOrCreateRemdIdentity();
const impostor = loadOrCreateRemdIdentity();

const received: RegisterDocumentResult[] = [];
let failHandler = false;
let url = '';
let server: ReturnType<typeof createServer>;

beforeAll(async () => {
  const app = express();
  app.use('/remd/callback', createCallbackEndpoint(async (r) => {
    if (failHandler) throw new Error('disk full');
    received.push(r);
  }, { certificates: [new X509Certificate(remd.certificatePem)] }));
  const files = new Map([['known', new TextEncoder().encode('<ClinicalDocument/>')]]);
  app.use('/remd/document-file', createDocumentFileService(async (localUid, messageId) => {
    if (localUid === 'broken') throw new Error('storage down');
    return messageId === 'urn:uuid:stale' ? undefined : files.get(localUid);
  }));
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

const post = (path: string, body: string, type = 'application/soap+xml; charset=utf-8') =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

const unsigned = (result: RegisterDocumentResult) =>
  buildEnvelope({ messageId: 'urn:uuid:cb-1', action: 'registerDocumentResult', relatesTo: result.relatesToMessage, body: (b) => writeRegisterDocumentResult(b, result) });
const callback = (result: RegisterDocumentResult, signer = remd.signer, at?: Date) => signEnvelope(unsigned(result), signer, at);

describe('callback endpoint', () => {
  const result: RegisterDocumentResult = {
    relatesToMessage: 'urn:uuid:reg-1', status: 'success', localUid: 'u-1', kind: '119',
    registryItem: { emdrId: '77.119.26.11.000007' },
  };

  it('hands the parsed result over and acknowledges with 200', async () => {
    const res = await post('/remd/callback', await callback(result));
    expect(res.status).toBe(200);
    const ack = parseEnvelope(await res.text());
    expect(ack.headers.relatesTo).toBe('urn:uuid:cb-1');
    expect(ack.payload?.localName).toBe('registerDocumentResultResponse');
    expect(received.at(-1)).toEqual(result);
  });

  it('accepts a SOAP 1.1 callback with relatesToMessage as an attribute, as seen from some REMD stands', async () => {
    const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
      <registerDocumentResult xmlns="http://egisz.rosminzdrav.ru/iehr/emdr/callback/" relatesToMessage="urn:uuid:reg-11">
        <status>error</status><localUid>u-11</localUid>
        <errors><item><code>PERSON_NOT_FOUND</code><message>Сотрудник не найден в ФРМР</message></item></errors>
      </registerDocumentResult></s:Body></s:Envelope>`;
    const res = await post('/remd/callback', await signEnvelope(xml, remd.signer), 'text/xml; charset=utf-8');
    expect(res.status).toBe(200);
    expect(received.at(-1)).toEqual({
      relatesToMessage: 'urn:uuid:reg-11', status: 'error', localUid: 'u-11',
      errors: [{ code: 'PERSON_NOT_FOUND', message: 'Сотрудник не найден в ФРМР' }],
    });
  });

  it.each([
    ['garbage', 'not xml at all'],
    ['another operation', () => signEnvelope(buildEnvelope({ messageId: 'urn:uuid:x', action: 'x', body: (b) => b.ele('ping') }), remd.signer)],
    ['a result without localUid', () => signEnvelope(unsigned(result).replace('<cb:localUid>u-1</cb:localUid>', ''), remd.signer)],
    ['an empty body', ''],
  ])('answers %s with a SOAP fault 400', async (_name, body) => {
    const before = received.length;
    const res = await post('/remd/callback', typeof body === 'string' ? body : await body());
    expect(res.status).toBe(400);
    expect(parseEnvelope(await res.text()).fault?.code).toBe('Sender');
    expect(received.length).toBe(before);
  });

  it('answers 500 when the result could not be stored, so that REMD delivers again', async () => {
    failHandler = true;
    try {
      const res = await post('/remd/callback', await callback(result));
      expect(res.status).toBe(500);
      expect(parseEnvelope(await res.text()).fault?.code).toBe('Receiver');
    } finally {
      failHandler = false;
    }
  });
});

describe('callback authentication: a forged result is refused before it is read', () => {
  const forged: RegisterDocumentResult = {
    relatesToMessage: 'urn:uuid:reg-2', status: 'success', localUid: 'u-2', kind: '119', registryItem: { emdrId: '77.119.26.11.666666' },
  };
  const signedThenAltered = async () => (await callback({ ...forged, status: 'error', registryItem: undefined, errors: [{ code: 'PERSON_NOT_FOUND', message: 'x' }] }))
    .replace('<cb:status>error</cb:status>', '<cb:status>success</cb:status>');

  it.each([
    ['unsigned', () => Promise.resolve(unsigned(forged)), 'REMD_CALLBACK_UNSIGNED', 'wsse:InvalidSecurity'],
    ['signed by a key the agent does not trust', () => callback(forged, impostor.signer), 'REMD_CALLBACK_UNTRUSTED', 'wsse:FailedAuthentication'],
    ['altered after REMD signed it', signedThenAltered, 'REMD_CALLBACK_SIGNATURE_INVALID', 'wsse:FailedCheck'],
    ['signed long ago (a replay)', () => callback(forged, remd.signer, new Date(Date.now() - 86_400_000)), 'REMD_CALLBACK_SIGNATURE_INVALID', 'wsse:MessageExpired'],
  ])('%s: fault 400 with %s, nothing handed over', async (_name, make, code, subcode) => {
    const before = received.length;
    const res = await post('/remd/callback', await make());
    expect(res.status).toBe(400);
    const fault = parseEnvelope(await res.text()).fault!;
    expect(fault.subcode).toBe(subcode);
    expect(fault.errors.map((e) => e.code)).toEqual([code]);
    expect(received.length).toBe(before);
  });

  it('the same result signed by REMD passes', async () => {
    expect((await post('/remd/callback', await callback(forged))).status).toBe(200);
    expect(received.at(-1)).toEqual(forged);
  });
});

describe('getDocumentFile service', () => {
  const ask = async (localUid: string, messageId?: string) => {
    const body = buildEnvelope({ messageId: 'urn:uuid:q', action: 'getDocumentFile', body: (b) => writeDocumentFileRequest(b, { localUid, ...(messageId ? { messageId } : {}) }) });
    const res = await post('/remd/document-file', body);
    return { status: res.status, envelope: parseEnvelope(await res.text()) };
  };

  it('returns the file as base64', async () => {
    const { status, envelope } = await ask('known', 'urn:uuid:reg-1');
    expect(status).toBe(200);
    const answer = readDocumentFileAnswer(envelope.payload!);
    expect(answer.status === 'success' && new TextDecoder().decode(answer.file)).toBe('<ClinicalDocument/>');
  });

  it.each([
    ['an unknown messageId', 'known', 'urn:uuid:stale', 'WRONG_MESSAGE_ID'],
    ['an unknown localUid without messageId', 'nope', undefined, 'FILE_WAS_NOT_SENT'],
  ])('answers %s with %s', async (_name, localUid, messageId, code) => {
    const { envelope } = await ask(localUid, messageId);
    const answer = readDocumentFileAnswer(envelope.payload!);
    expect(answer.status === 'error' && answer.errors.map((e) => e.code)).toEqual([code]);
  });

  it('answers a storage failure with MIS_ERROR in a Receiver fault', async () => {
    const { status, envelope } = await ask('broken');
    expect(status).toBe(500);
    expect(envelope.fault?.errors.map((e) => e.code)).toEqual(['MIS_ERROR']);
  });

  it('answers malformed input with a fault 400', async () => {
    const res = await post('/remd/document-file', '<a>', 'text/xml');
    expect(res.status).toBe(400);
  });
});
