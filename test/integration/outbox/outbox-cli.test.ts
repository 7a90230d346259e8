/**
 * `egisz-agent submit` and `egisz-agent outbox` as real processes against a
 * running agent: they go through its admin API (admin.json in the data dir),
 * the PIN comes from stdin or --pin-env, and bad input is reported per record.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoToken } from '../../../agent/demo/demo-clinic.ts';
import { adminFile } from '../../../agent/gateway/admin-access.ts';
import { outboxRecord } from '../../support/outbox-records.ts';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

const bin = new URL('../../../agent/bin/egisz-agent.js', import.meta.url).pathname;
let agent: OutboxAgent;

beforeAll(async () => {
  agent = await startOutboxAgent();
});
afterAll(() => agent?.stop());

function cli(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) {
  const child = spawn(process.execPath, [bin, ...args, '--data-dir', agent.dataDir], { env: { ...process.env, ...opts.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(opts.stdin ?? '');
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('submit queues each record through the running agent, one line per record; outbox list/show follow it', async () => {
  expect(statSync(adminFile(agent.dataDir)).mode & 0o777).toBe(0o600);
  const [a, b] = [randomUUID(), randomUUID()];
  const file = join(agent.dataDir, 'records.json');
  writeFileSync(file, JSON.stringify([outboxRecord(a), outboxRecord(b), { patient: { snils: '123' } }, 'nonsense']));
  const run = await cli(['submit', file], { stdin: `${demoToken.pin}\n` });
  const lines = run.stdout.trim().split('\n');
  expect(lines[0]).toBe(`OK ${a} signed`);
  expect(lines[1]).toBe(`OK ${b} signed`);
  expect(lines[2]).toMatch(/^ERR .*#2 VALIDATION_FAILED: .*patient\.snils/);
  expect(lines[3]).toMatch(/^ERR .*#3 SUBMIT_NOT_A_RECORD/);
  expect(run.code).toBe(1);

  let list = '';
  for (const until = Date.now() + 15_000; Date.now() < until && !/registered=2/.test(list); await sleep(200)) list = (await cli(['outbox', 'list'])).stdout;
  expect(list).toMatch(new RegExp(`${a}\\s+registered\\s+119 .* \\d+\\.119\\.`));
  const show = JSON.parse((await cli(['outbox', 'show', a])).stdout) as { state: string; journal: { to: string }[] };
  expect(show.journal.map((j) => j.to)).toEqual(['signed', 'submitted', 'registered']);
  const cancel = await cli(['outbox', 'cancel', a]);
  expect(cancel).toMatchObject({ code: 1, stderr: expect.stringContaining('OUTBOX_FINAL') });
});

test('the PIN from --pin-env; a wrong PIN is refused by the token; a record already queued is not signed again', async () => {
  const uid = randomUUID();
  const file = join(agent.dataDir, 'one.json');
  writeFileSync(file, JSON.stringify(outboxRecord(uid)));
  const wrong = await cli(['submit', file, '--pin-env', 'MY_PIN'], { env: { MY_PIN: '000000' } });
  expect(wrong.stdout).toMatch(/^ERR .* TOKEN_PIN_INCORRECT/);
  const right = await cli(['submit', file, '--pin-env', 'MY_PIN'], { env: { MY_PIN: demoToken.pin } });
  expect(right).toMatchObject({ code: 0, stdout: `OK ${uid} signed\n` });
  const again = await cli(['submit', file, '--pin-env', 'MY_PIN'], { env: { MY_PIN: demoToken.pin } });
  expect(again.stdout).toMatch(new RegExp(`^OK ${uid} \\S+ \\(уже в очереди\\)`));
  expect(agent.logLines.join('\n')).not.toContain(demoToken.pin);
});

test('without a PIN, or without a running agent, submit says so and exits 2', async () => {
  const none = await cli(['submit', 'whatever.json']);
  expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining('PIN') });
  const elsewhere = spawn(process.execPath, [bin, 'outbox', 'list', '--data-dir', join(agent.dataDir, 'nowhere')]);
  let stderr = '';
  elsewhere.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise((done) => elsewhere.on('close', done));
  expect(code).toBe(2);
  expect(stderr).toContain('агент не запущен');
});
