/**
 * The gateway's listener on the clinic network: only the callback,
 * getDocumentFile and the workstation API answer there, whatever the Host
 * header says; the admin API, the sandbox and the demo MIS do not; peers
 * outside `allowFrom` are refused.
 */
import { request } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

let agent: OutboxAgent | undefined;
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

async function startGateway(allowFrom: string[]): Promise<number> {
  agent = await startOutboxAgent((c) => {
    c.roles = { workstation: false, gateway: true };
    c.workstations = [{ id: 'reg-1', secret: 'e'.repeat(64) }];
    c.listen = { host: '127.0.0.1', port: 0, allowFrom };
  });
  const line = agent.logLines.find((l) => l.includes('"gateway.listening"'))!;
  return (JSON.parse(line) as { port: number }).port;
}

/** A request with a clinic-network Host header, as a workstation elsewhere would send it. */
function call(port: number, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `gateway.clinic.local:${port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

test('only what EGISZ and workstations need answers on the clinic network', async () => {
  const port = await startGateway(['127.0.0.1']);
  expect(await call(port, 'POST', '/gateway/v1/documents')).toBe(401); // reached, but not authenticated
  expect(await call(port, 'POST', '/remd/callback')).toBe(400); // reached: not a SOAP message
  expect(await call(port, 'POST', '/remd/document-file')).toBe(400);
  expect(await call(port, 'GET', '/admin/v1/outbox')).toBe(404);
  expect(await call(port, 'GET', '/sandbox/registry')).toBe(404);
  expect(await call(port, 'GET', '/demo/consultation.html')).toBe(404);
  expect(await call(agent!.port, 'POST', '/gateway/v1/documents')).toBe(421); // the loopback app still checks Host
});

test('a peer outside allowFrom is refused before anything else', async () => {
  const port = await startGateway(['10.0.0.']);
  expect(await call(port, 'POST', '/gateway/v1/documents')).toBe(403);
  expect(await call(port, 'POST', '/remd/callback')).toBe(403);
});
