/**
 * The WebSocket gate over a real HTTP server and real sockets: who may
 * connect, pairing and the HMAC challenge, and hostile frames.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { silentLogger } from '../../../agent/log.ts';
import { PairingRegistry } from '../../../agent/server/pairing.ts';
import { attachWsGate, type RequestFrame, type WsGate } from '../../../agent/server/ws-gate.ts';
import { EXTENSION_ORIGINS } from '../../../shared/protocol/extension-id.ts';
import { hmacHex, openAgentSocket } from '../../support/agent-ws-client.ts';

let server: Server;
let gate: WsGate;
let port: number;
const pairing = new PairingRegistry(mkdtempSync(join(tmpdir(), 'egisz-gate-')));
const handled: RequestFrame[] = [];

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as { port: number }).port;
  gate = attachWsGate({
    server, port: () => port, allowedOrigins: EXTENSION_ORIGINS, pairing, agentVersion: 'test', log: silentLogger,
    onRequest: async (frame, channel) => {
      handled.push(frame);
      if (frame.type === 'job-status') throw new Error('handler blew up');
      channel.send({ type: 'job', id: frame.id, jobId: 'j', state: 'prepared' });
    },
  });
});

afterAll(() => {
  gate.close();
  server.close();
});

const connect = (headers: Record<string, string> = {}) => openAgentSocket(port, headers);
const hmac = hmacHex;

async function pairedClient() {
  const first = await connect();
  await first.next();
  first.send({ type: 'pair', code: pairing.issueCode() });
  const paired = await first.next();
  if (paired.type !== 'paired') throw new Error(`pairing failed: ${JSON.stringify(paired)}`);
  first.ws.close();
  return paired;
}

describe('who may open the socket', () => {
  test.each([
    ['a web page origin', () => ({ Origin: 'https://evil.example' })],
    ['another extension', () => ({ Origin: 'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })],
    ['a rebound host name', () => ({ Host: `evil.example:${port}` })],
    ['the right host on another port', () => ({ Host: `127.0.0.1:${port + 1}` })],
  ])('%s is refused with 403', async (_name, headers) => {
    await expect(connect(headers())).rejects.toThrow('HTTP 403');
  });

  test('the extension origin on the agent host is greeted with a challenge', async () => {
    const client = await connect();
    const hello = await client.next();
    expect(hello).toMatchObject({ type: 'hello', protocol: 1 });
    expect(hello.type === 'hello' && hello.challenge).toMatch(/^[0-9a-f]{64}$/);
    client.ws.close();
  });
});

describe('pairing and the challenge', () => {
  test('requests before authentication are refused', async () => {
    const client = await connect();
    await client.next();
    client.send({ type: 'prepare', id: '1', origin: 'http://mis', record: {} });
    expect(await client.next()).toMatchObject({ type: 'error', id: '1', code: 'AGENT_NOT_PAIRED' });
    client.ws.close();
  });

  test('a wrong pairing code is refused', async () => {
    pairing.issueCode();
    const client = await connect();
    await client.next();
    client.send({ type: 'pair', code: 'abc' });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'AGENT_PAIRING_CODE_INVALID' });
    client.ws.close();
  });

  test('a paired client answers the challenge and its requests reach the pipeline', async () => {
    const { clientId, secret } = await pairedClient();
    const client = await connect();
    const hello = await client.next();
    if (hello.type !== 'hello') throw new Error('no hello');
    client.send({ type: 'auth', clientId, mac: hmac(secret, hello.challenge) });
    expect(await client.next()).toEqual({ type: 'ready', clientId });
    client.send({ type: 'prepare', id: '42', origin: 'http://mis', record: {} });
    expect(await client.next()).toMatchObject({ type: 'job', id: '42' });
    expect(handled.at(-1)).toMatchObject({ type: 'prepare', id: '42' });
    client.ws.close();
  });

  test('an answer replayed from an earlier connection is refused', async () => {
    const { clientId, secret } = await pairedClient();
    const first = await connect();
    const hello = await first.next();
    if (hello.type !== 'hello') throw new Error('no hello');
    const mac = hmac(secret, hello.challenge);
    first.send({ type: 'auth', clientId, mac });
    await first.next();
    first.ws.close();

    const replay = await connect();
    await replay.next();
    replay.send({ type: 'auth', clientId, mac });
    expect(await replay.next()).toMatchObject({ type: 'error', code: 'AGENT_NOT_PAIRED' });
    replay.ws.close();
  });
});

describe('hostile frames', () => {
  test('malformed JSON and unknown frames get an error and the socket keeps serving', async () => {
    const client = await connect();
    await client.next();
    client.send('{"type":');
    expect(await client.next()).toMatchObject({ type: 'error', code: 'AGENT_BAD_FRAME' });
    client.send({ type: 'format-disk' });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'AGENT_BAD_FRAME' });
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
    client.ws.close();
  });

  test('an oversized frame closes that connection only', async () => {
    const client = await connect();
    await client.next();
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.send('x'.repeat(300 * 1024));
    expect(await closed).toBe(1009);
    const other = await connect();
    expect((await other.next()).type).toBe('hello');
    other.ws.close();
  });

  test('a failing handler answers AGENT_INTERNAL without taking the gate down', async () => {
    const { clientId, secret } = await pairedClient();
    const client = await connect();
    const hello = await client.next();
    if (hello.type !== 'hello') throw new Error('no hello');
    client.send({ type: 'auth', clientId, mac: hmac(secret, hello.challenge) });
    await client.next();
    client.send({ type: 'job-status', id: '7', jobId: 'x' });
    expect(await client.next()).toMatchObject({ type: 'error', id: '7', code: 'AGENT_INTERNAL' });
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
    client.ws.close();
  });
});
