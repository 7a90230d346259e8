/**
 * `egisz-agent sandbox`: the sandbox alone on its own port, here in strict
 * mode, where an unsigned request is refused as IPS would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClientEntityId } from '../../../agent/demo/demo-clinic.ts';
import { RemdClient } from '../../../agent/egisz/remd/remd-client.ts';
import { silentLogger } from '../../../agent/log.ts';
import { startSandboxServer } from '../../../agent/sandbox/sandbox-server.ts';
import type { SandboxServer } from '../../../agent/sandbox/sandbox-server.ts';

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandboxServer({ port: 0, log: silentLogger, sandbox: { strict: true } });
});
afterAll(() => server?.close());

describe('standalone sandbox server', () => {
  it('listens on loopback and serves the registry', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/sandbox/registry`);
    expect(await res.json()).toEqual([]);
  });

  it('refuses an unsigned request in strict mode', async () => {
    const client = new RemdClient({ endpoint: `${server.url}/sandbox/remd`, clientEntityId: demoClientEntityId, replyTo: 'http://127.0.0.1:1/cb' });
    await expect(client.searchRegistryItem({ kind: '119' })).rejects.toMatchObject({ code: 'SUBMIT_REMD_FAULT', retriable: false });
  });
});
