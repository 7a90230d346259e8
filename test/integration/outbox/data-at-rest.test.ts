/**
 * Document bodies at rest on a real gateway: with outbox.encryptBodies the
 * SQLite files (database and WAL) never hold the patient's name or SNILS,
 * while REMD's getDocumentFile still gets the exact signed bytes (the sandbox
 * verifies the CMS against them and registers the document). Without it the
 * same check finds the name: the test looks where the data would be.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPatient, demoToken } from '../../../agent/demo/demo-clinic.ts';
import { verifyDetachedCms } from '../../../agent/signing/verify-cms.ts';
import { admin, outboxRecord } from '../../support/outbox-records.ts';
import { fastOutbox, startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

let agent: OutboxAgent | undefined;
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function registerOne(a: OutboxAgent): Promise<string> {
  const localUid = randomUUID();
  expect(await admin(a.access, 'POST', '/submit', { record: outboxRecord(localUid), pin: demoToken.pin })).toMatchObject({ status: 201 });
  for (const until = Date.now() + 20_000; Date.now() < until && a.outbox.get(localUid)?.state !== 'registered'; await sleep(100));
  expect(a.outbox.get(localUid)?.state).toBe('registered');
  return localUid;
}

/** Every byte SQLite keeps for the outbox: the database, its WAL and shared memory. */
function outboxFiles(dataDir: string): Buffer {
  const base = join(dataDir, 'outbox.sqlite');
  return Buffer.concat([base, `${base}-wal`, `${base}-shm`].filter(existsSync).map((f) => readFileSync(f)));
}

const personal = [demoPatient.lastName, demoPatient.snils].map((s) => Buffer.from(s, 'utf8'));

describe('outbox bodies at rest', () => {
  it('encrypted: the database holds no patient name or SNILS, REMD still gets the signed bytes', async () => {
    agent = await startOutboxAgent((c) => { c.outbox = { ...fastOutbox, encryptBodies: true }; });
    const localUid = await registerOne(agent);
    const doc = agent.outbox.get(localUid)!;
    expect(new TextDecoder().decode(doc.semd)).toContain(demoPatient.lastName);
    expect(verifyDetachedCms(doc.semd, doc.signature).ok).toBe(true);
    const files = outboxFiles(agent.dataDir);
    for (const needle of personal) expect(files.includes(needle)).toBe(false);
    expect(statSync(join(agent.dataDir, 'outbox.key')).mode & 0o777).toBe(0o600);
  });

  it('not encrypted (the default): the same look finds the name', async () => {
    agent = await startOutboxAgent();
    await registerOne(agent);
    expect(outboxFiles(agent.dataDir).includes(personal[0]!)).toBe(true);
    expect(existsSync(join(agent.dataDir, 'outbox.key'))).toBe(false);
  });
});
