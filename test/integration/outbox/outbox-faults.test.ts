/**
 * The outbox against a misbehaving REMD (the sandbox's fault switches, set
 * over HTTP): 503s, dropped connections, RATE_LIMIT, lost callbacks. Every
 * document is eventually registered, none twice, and the outbox and the
 * sandbox registry agree on every emdrId.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, expect, onTestFailed, test } from 'vitest';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import { admin, outboxRecord } from '../../support/outbox-records.ts';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

let agent: OutboxAgent | undefined;
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setFaults(settings: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${agent!.url}/sandbox/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true, ...settings }),
  });
  expect(response.status).toBe(200);
}

/** Submits `n` records, waits until all are registered, checks against the registry; returns the journals' details. */
async function runDocuments(n: number): Promise<string[]> {
  const a = agent!;
  onTestFailed(() => console.error(a.logLines.filter((l) => /warn|error/.test(l)).slice(-30).join('\n')));
  const uids = Array.from({ length: n }, () => randomUUID());
  for (const uid of uids) {
    const reply = await admin(a.access, 'POST', '/submit', { record: outboxRecord(uid), pin: demoToken.pin });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
  let counts: Record<string, number> = {};
  for (const until = Date.now() + 50_000; Date.now() < until; await sleep(100)) {
    counts = (await admin(a.access, 'GET', '/outbox?limit=1')).body.counts as Record<string, number>;
    if (counts.registered === n) break;
  }
  expect(counts).toEqual({ registered: n });
  const registry = (await (await fetch(`${a.url}/sandbox/registry`)).json()) as { localUid: string; emdrId: string }[];
  expect(registry.map((r) => r.localUid).sort()).toEqual([...uids].sort());
  const details: string[] = [];
  for (const entry of registry) {
    const doc = (await admin(a.access, 'GET', `/outbox/${entry.localUid}`)).body;
    expect(doc.emdrId).toBe(entry.emdrId);
    details.push(...(doc.journal as { detail?: string }[]).map((j) => j.detail ?? ''));
  }
  return details;
}

test('HTTP 503 from REMD: retried with backoff until accepted', async () => {
  agent = await startOutboxAgent();
  await setFaults({ serverError: { next: 4, rate: 0.3 } });
  const details = await runDocuments(12);
  expect(details.some((d) => d.includes('SUBMIT_HTTP_STATUS 503'))).toBe(true);
});

test('dropped connections: retried as network errors', async () => {
  agent = await startOutboxAgent();
  await setFaults({ dropConnection: { next: 3, rate: 0.3 } });
  const details = await runDocuments(12);
  expect(details.some((d) => d.includes('SUBMIT_NETWORK'))).toBe(true);
});

test('RATE_LIMIT: the whole outbox backs off, then everything goes through', async () => {
  agent = await startOutboxAgent();
  await setFaults({ rateLimit: { next: 3, rate: 0.2 } });
  const details = await runDocuments(12);
  expect(details).toContain('RATE_LIMIT');
  expect(agent.logLines.some((l) => l.includes('"outbox.paused"'))).toBe(true);
});

test('lost callbacks: reconciliation finds the registrations through searchRegistryItem', async () => {
  agent = await startOutboxAgent();
  await setFaults({ lostCallback: { next: 4, rate: 0.5 } });
  const details = await runDocuments(12);
  expect(details.filter((d) => d === 'сверка: найден в реестре РЭМД').length).toBeGreaterThanOrEqual(4);
});

test('all faults at once, with latency: still every document registered exactly once', async () => {
  agent = await startOutboxAgent();
  const noisy = { rate: 0.15 };
  await setFaults({ latencyMs: 20, serverError: noisy, dropConnection: noisy, rateLimit: noisy, lostCallback: noisy });
  await runDocuments(25);
});
