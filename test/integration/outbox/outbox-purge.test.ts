/**
 * `egisz-agent outbox purge` against a running gateway: the SEMD and
 * signatures of registered documents go, the row, the emdrId and the journal
 * stay; without a retention period it refuses and names the setting.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { run } from '../../../agent/commands/outbox-command.ts';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import { admin, outboxRecord } from '../../support/outbox-records.ts';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

let agent: OutboxAgent;
beforeAll(async () => {
  agent = await startOutboxAgent();
});
afterAll(async () => {
  await agent?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run([...args, '--data-dir', agent.dataDir], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

test('purge drops the bodies of registered documents and keeps their registration', async () => {
  const localUid = randomUUID();
  await admin(agent.access, 'POST', '/submit', { record: outboxRecord(localUid), pin: demoToken.pin });
  for (const until = Date.now() + 20_000; Date.now() < until && agent.outbox.get(localUid)?.state !== 'registered'; await sleep(100));
  const emdrId = agent.outbox.get(localUid)?.emdrId;
  expect(emdrId).toBeTruthy();

  expect(await cli('purge')).toMatchObject({ code: 1, err: expect.stringContaining('OUTBOX_RETENTION_UNSET') });
  expect(await cli('purge', '--older-than-days', '0')).toMatchObject({ code: 0, out: expect.stringContaining('удалены тела 1 ') });
  const doc = agent.outbox.get(localUid)!;
  expect(doc).toMatchObject({ state: 'registered', emdrId });
  expect(doc.semd).toHaveLength(0);
  expect(doc.signature).toHaveLength(0);
  const shown = await cli('show', localUid);
  expect(shown.out).toContain('retention');
  expect(await cli('purge', '--older-than-days', '0')).toMatchObject({ code: 0, out: expect.stringContaining('удалены тела 0 ') });
});
