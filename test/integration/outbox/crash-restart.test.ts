/**
 * Crash safety end to end: 200 documents go through a real agent process
 * (`egisz-agent start --demo`) to a sandbox in its own process, while the
 * agent is SIGKILLed at random moments — mid-signing, mid-send, between
 * "accepted" and the state write, while REMD fetches the file or calls back —
 * and started again on the same port and data dir. Every document must end
 * registered exactly once, and the sandbox's registry must agree.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, onTestFailed, test } from 'vitest';
import { verifyAuditJournal } from '../../../agent/audit/audit-journal.ts';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import { freePort, killHard, spawnAgent, startSandboxProcess, type AgentProcess, type SandboxProcess } from '../../support/agent-processes.ts';
import { admin, outboxRecord } from '../../support/outbox-records.ts';

const TOTAL = 200;
const dir = mkdtempSync(join(tmpdir(), 'egisz-crash-'));
let sandbox: SandboxProcess | undefined;
let agent: AgentProcess | undefined;

afterAll(async () => {
  if (agent) await killHard(agent);
  sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`${TOTAL} documents survive SIGKILLs of the agent: all registered once, the registry agrees`, async () => {
  const logs: string[] = [];
  onTestFailed(() => console.error(`agent log (tail):\n${logs.slice(-40).join('\n')}`));
  const port = await freePort();
  sandbox = await startSandboxProcess(dir, port);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    remdEndpoint: `${sandbox.url}/sandbox/remd`,
    remdCertificate: sandbox.certificateFile,
    outbox: { pollMs: 100, callbackTimeoutMs: 1_500, retryBaseMs: 200, retryCapMs: 2_000, concurrency: 4 },
  }));
  agent = spawnAgent(dir, port, logs);
  let access = await agent.ready;

  const uids = Array.from({ length: TOTAL }, () => randomUUID());
  const unqueued = [...uids];
  let submitting = true;
  const lane = async () => {
    for (let uid = unqueued.shift(); uid; uid = unqueued.shift()) {
      const reply = await admin(access, 'POST', '/submit', { record: outboxRecord(uid), pin: demoToken.pin }).catch(() => undefined);
      if (reply?.status === 200 || reply?.status === 201) continue;
      if (reply && reply.status !== 401) throw new Error(`submit ${uid}: ${JSON.stringify(reply.body)}`);
      unqueued.push(uid); // the agent died (or restarted with a new admin token) under us: again, idempotent by localUid
      await sleep(100);
    }
  };
  let kills = 0;
  const killer = async () => {
    const deadline = Date.now() + 45_000;
    while ((submitting || kills < 8) && Date.now() < deadline) {
      await sleep(300 + Math.random() * 1_700);
      await killHard(agent!);
      kills++;
      agent = spawnAgent(dir, port, logs);
      access = await agent.ready;
    }
  };
  const killing = killer();
  await Promise.all([lane(), lane(), lane(), lane()]);
  submitting = false;
  await killing;

  let counts: Record<string, number> = {};
  for (const until = Date.now() + 90_000; Date.now() < until; await sleep(250)) {
    counts = (await admin(access, 'GET', '/outbox?limit=1')).body.counts as Record<string, number>;
    if (counts.registered === TOTAL) break;
  }
  expect(counts).toEqual({ registered: TOTAL });
  expect(kills).toBeGreaterThanOrEqual(5);

  const outbox = (await admin(access, 'GET', `/outbox?limit=${TOTAL * 2}`)).body.documents as { localUid: string; emdrId: string }[];
  const registry = (await (await fetch(`${sandbox.url}/sandbox/registry`)).json()) as { localUid: string; emdrId: string }[];
  expect(registry).toHaveLength(TOTAL);
  expect(new Set(registry.map((r) => r.localUid))).toEqual(new Set(uids));
  expect(new Set(registry.map((r) => r.emdrId)).size).toBe(TOTAL);
  const emdrOf = new Map(registry.map((r) => [r.localUid, r.emdrId]));
  for (const doc of outbox) expect(doc.emdrId).toBe(emdrOf.get(doc.localUid));
  expect(verifyAuditJournal(dir)).toMatchObject({ ok: true }); // SIGKILL never leaves half a line in the chain
  let reconciled = 0;
  for (const { localUid } of outbox) {
    const journal = (await admin(access, 'GET', `/outbox/${localUid}`)).body.journal as { detail?: string }[];
    if (journal.some((j) => /сверка|NOT_UNIQUE/.test(j.detail ?? ''))) reconciled++;
  }
  console.info(`crash test: ${kills} SIGKILLs, ${TOTAL} registered, ${reconciled} of them through reconciliation`);
}, 240_000);
