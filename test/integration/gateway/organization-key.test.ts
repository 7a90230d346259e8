/**
 * The gateway's information-system key in demo mode: provisioned once in the
 * data dir on a SoftHSM2 token, it signs every REMD request (WS-Security) and
 * adds the organization signature MO_SIGN asks for; the demo sandbox, which
 * now checks both as REMD does, registers the document and refuses what is
 * unsigned or signed by another system's certificate.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClientEntityId, demoOrganization, demoToken } from '../../../agent/demo/demo-clinic.ts';
import { provisionDemoOrganizationKey } from '../../../agent/gateway/demo-organization-key.ts';
import { openOrganizationKey } from '../../../agent/gateway/organization-key.ts';
import type { RegisterDocumentRequest } from '../../../agent/egisz/remd/register-document.ts';
import { RemdClient } from '../../../agent/egisz/remd/remd-client.ts';
import { keyPairSigner, signEnvelope } from '../../../agent/egisz/remd/ws-security.ts';
import { verifyDetachedCms } from '../../../agent/signing/verify-cms.ts';
import { admin, outboxRecord } from '../../support/outbox-records.ts';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';
import { selfSignedCertificate } from '../../unit/agent/egisz/remd/test-certificate.ts';

let agent: OutboxAgent;
beforeAll(async () => {
  agent = await startOutboxAgent();
});
afterAll(async () => {
  await agent?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the organization key on the demo gateway', () => {
  it('registers a consultation signed by the doctor and the organization, every request under WS-Security', async () => {
    const localUid = randomUUID();
    expect(await admin(agent.access, 'POST', '/submit', { record: outboxRecord(localUid), pin: demoToken.pin })).toMatchObject({ status: 201 });
    for (const until = Date.now() + 20_000; Date.now() < until && agent.outbox.get(localUid)?.state !== 'registered'; await sleep(100));
    const doc = agent.outbox.get(localUid)!;
    expect(doc.state).toBe('registered');

    const request = JSON.parse(doc.request) as RegisterDocumentRequest;
    const org = verifyDetachedCms(doc.semd, Buffer.from(request.orgSignature!.data, 'base64'));
    expect(org.ok).toBe(true);
    if (!org.ok) return;
    expect(org.signer.subject).toMatchObject({ ogrn: demoOrganization.ogrn, innle: demoOrganization.inn });
    expect(org.signer.subject.snils).toBeUndefined();
  });

  it('is kept on a token in the data dir: PIN file 0600, no private key file, the same certificate on the next start', async () => {
    const dir = join(agent.dataDir, 'organization-token');
    expect(statSync(join(dir, 'organization.pin')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => /organization.*(key|pem)/.test(f))).toEqual([]);
    const first = await openOrganizationKey(await provisionDemoOrganizationKey(agent.dataDir, demoOrganization));
    const again = await openOrganizationKey(await provisionDemoOrganizationKey(agent.dataDir, demoOrganization));
    try {
      expect(again.certificate.fingerprint).toBe(first.certificate.fingerprint);
      expect(existsSync(join(dir, 'organization.der'))).toBe(true);
    } finally {
      await first.close();
      await again.close();
    }
  });

  it('the demo sandbox refuses unsigned requests and another system\'s certificate', async () => {
    const client = (extra = {}) => new RemdClient({ endpoint: `${agent.url}/sandbox/remd`, clientEntityId: demoClientEntityId, replyTo: `${agent.url}/remd/callback`, ...extra });
    await expect(client().searchRegistryItem({ kind: '119' })).rejects.toMatchObject({ code: 'SUBMIT_REMD_FAULT', retriable: false });
    const stranger = selfSignedCertificate('ec');
    const signer = keyPairSigner(stranger.keyPem, stranger.certificatePem);
    const foreign = client({ secureEnvelope: (xml: string) => signEnvelope(xml, signer) });
    await expect(foreign.searchRegistryItem({ kind: '119' })).rejects.toMatchObject({ code: 'SUBMIT_REMD_FAULT', message: expect.stringContaining('не зарегистрирован') });
  });
});
