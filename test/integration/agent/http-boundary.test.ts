/**
 * The agent's HTTP boundary: loopback only, its own Host only, and nothing a
 * web page could read (no CORS headers, no answer to preflights).
 */
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoAgent, type DemoAgent } from '../../support/demo-agent.ts';

let agent: DemoAgent;

beforeAll(async () => {
  agent = await startDemoAgent();
});

afterAll(async () => {
  await agent?.stop();
});

function get(host: string, path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host, port: agent.port, path, method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test.each([
  ['a rebound host name', { Host: 'evil.example' }, 421],
  ['our address with a foreign port', { Host: '127.0.0.1:1' }, 421],
  ['our own host', {}, 200],
])('%s → HTTP %i', async (_name, headers, status) => {
  expect((await get('127.0.0.1', '/sandbox/registry', headers)).status).toBe(status);
});

test('a web page gets no CORS permission, not even on a preflight', async () => {
  const plain = await get('127.0.0.1', '/sandbox/registry', { Origin: 'https://evil.example' });
  expect(plain.headers['access-control-allow-origin']).toBeUndefined();
  const preflight = await get('127.0.0.1', '/remd/callback', {
    Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Private-Network': 'true',
  }, 'OPTIONS');
  expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  expect(preflight.headers['access-control-allow-private-network']).toBeUndefined();
});

const hasIpv6Loopback = Object.values(networkInterfaces()).flat().some((i) => i?.address === '::1');

test.skipIf(!hasIpv6Loopback)('it answers on IPv6 loopback too, with the same Host rules', async () => {
  expect((await get('::1', '/sandbox/registry', { Host: `[::1]:${agent.port}` })).status).toBe(200);
  expect((await get('::1', '/sandbox/registry', { Host: 'evil.example' })).status).toBe(421);
});
