/**
 * `egisz-agent sandbox`: the sandbox alone on its own port. Strict mode, and
 * the default one too, refuse an unsigned request as IPS would; only an
 * explicit wsSecurity setting (tests) lets it through. Its REMD identity,
 * which signs the callbacks, survives a restart in its identity dir.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClientEntityId } from '../../../agent/demo/demo-clinic.ts';
import { RemdClient } from '../../../agent/egisz/remd/remd-client.ts';
import { ACTION, NS, OPERATION } from '../../../agent/egisz/remd/remd-contract.ts';
import { buildEnvelope, newMessageId, parseEnvelope } from '../../../agent/egisz/remd/soap-envelope.ts';
import { writeSearchRequest } from '../../../agent/egisz/remd/registry-query.ts';
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

describe('standalone sandbox server with its defaults', () => {
  it('refuses an unsigned registerDocument with the wsse:InvalidSecurity fault; explicitly allowed, an unsigned request is answered', async () => {
    const identityDir = mkdtempSync(join(tmpdir(), 'egisz-sandbox-identity-'));
    const unsigned = buildEnvelope({
      messageId: newMessageId(), action: ACTION.registerDocument, clientEntityId: demoClientEntityId,
      body: (b) => void b.ele(NS.service, OPERATION.registerDocument.request).ele(NS.service, 'localUid').txt('3f0b7a56-0000-4000-8000-000000000001'),
    });
    const search = buildEnvelope({
      messageId: newMessageId(), action: 'searchRegistryItem', clientEntityId: demoClientEntityId, body: (b) => writeSearchRequest(b, { kind: '119' }),
    });
    const post = (url: string, body = unsigned) => fetch(`${url}/sandbox/remd`, { method: 'POST', headers: { 'content-type': 'application/soap+xml' }, body });
    const defaults = await startSandboxServer({ port: 0, log: silentLogger, identityDir });
    let certificate = '';
    try {
      const res = await post(defaults.url);
      expect(res.status).toBe(400);
      expect(parseEnvelope(await res.text()).fault).toMatchObject({ code: 'Sender', subcode: 'wsse:InvalidSecurity' });
      certificate = await (await fetch(`${defaults.url}/sandbox/remd/certificate`)).text();
      expect(certificate).toBe(readFileSync(defaults.certificateFile!, 'utf8'));
    } finally {
      await defaults.close();
    }
    const forTests = await startSandboxServer({ port: 0, log: silentLogger, identityDir, sandbox: { wsSecurity: 'verify-if-present' } });
    try {
      expect((await post(forTests.url, search)).status).toBe(200);
      expect(await (await fetch(`${forTests.url}/sandbox/remd/certificate`)).text()).toBe(certificate); // the same identity after a restart
    } finally {
      await forTests.close();
    }
  });
});
