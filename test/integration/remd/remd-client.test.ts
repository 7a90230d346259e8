/**
 * RemdClient against servers that misbehave: transport trouble is a typed,
 * retriable-or-not error; REMD's verdicts stay values with NSI 305 codes.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RemdClient } from '../../../agent/egisz/remd/remd-client.ts';
import { RemdTransportError } from '../../../agent/egisz/remd/remd-transport-error.ts';
import { buildFault } from '../../../agent/egisz/remd/soap-envelope.ts';
import { sampleRequest } from '../../unit/agent/egisz/remd/sample-request.ts';

let close: () => Promise<void> = async () => {};
afterEach(() => close());

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RemdClient> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/remd`;
  return new RemdClient({ endpoint: url, clientEntityId: 'c', replyTo: 'http://127.0.0.1:1/cb', timeoutMs: 500 });
}

async function failure(client: RemdClient): Promise<RemdTransportError> {
  const error = await client.registerDocument(sampleRequest()).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RemdTransportError);
  return error as RemdTransportError;
}

describe('RemdClient transport failures', () => {
  it('HTTP 503 with a plain body: SUBMIT_HTTP_STATUS, retriable', async () => {
    const client = await serve((_q, s) => s.writeHead(503).end('busy'));
    expect(await failure(client)).toMatchObject({ code: 'SUBMIT_HTTP_STATUS', retriable: true, httpStatus: 503 });
  });

  it('HTTP 404: not retriable', async () => {
    const client = await serve((_q, s) => s.writeHead(404).end('no'));
    expect(await failure(client)).toMatchObject({ code: 'SUBMIT_HTTP_STATUS', retriable: false });
  });

  it('a dropped connection: SUBMIT_NETWORK, retriable', async () => {
    const client = await serve((q) => q.socket.destroy());
    expect(await failure(client)).toMatchObject({ code: 'SUBMIT_NETWORK', retriable: true });
  });

  it('no answer in time: SUBMIT_TIMEOUT, retriable', async () => {
    const client = await serve(() => {});
    expect(await failure(client)).toMatchObject({ code: 'SUBMIT_TIMEOUT', retriable: true });
  });

  it('nobody listening: SUBMIT_NETWORK, retriable', async () => {
    const client = await serve(() => {});
    await close();
    close = async () => {};
    expect(await failure(client)).toMatchObject({ code: 'SUBMIT_NETWORK', retriable: true });
  });

  it('200 with something that is not the contract: SUBMIT_BAD_RESPONSE, not retriable', async () => {
    const client = await serve((_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('<html/>'));
    expect(await failure(client)).toMatchObject({ code: 'SUBMIT_BAD_RESPONSE', retriable: false });
  });

  it('a Receiver fault without a REMD code: SUBMIT_REMD_FAULT, retriable', async () => {
    const client = await serve((_q, s) => s.writeHead(500).end(buildFault({ code: 'Receiver', reason: 'Internal' })));
    expect(await failure(client)).toMatchObject({ code: 'SUBMIT_REMD_FAULT', retriable: true });
  });

  it('a fault carrying NSI 305 codes is a refusal with those codes', async () => {
    const fault = buildFault({ code: 'Receiver', reason: 'limit', errors: [{ code: 'RATE_LIMIT', message: 'Достигнут защитный лимит' }] });
    const client = await serve((_q, s) => s.writeHead(429).end(fault));
    const answer = await client.registerDocument(sampleRequest(), 'urn:uuid:fixed');
    expect(answer).toEqual({ status: 'rejected', messageId: 'urn:uuid:fixed', errors: [{ code: 'RATE_LIMIT', message: 'Достигнут защитный лимит' }] });
  });
});
