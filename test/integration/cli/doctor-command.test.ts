/**
 * `egisz-agent doctor` against a running demo agent (the agent's own checks:
 * the demo token and its certificate, the sandbox, the outbox, the IEMK
 * queue, the dictionaries) and with no agent at all (it says so and checks
 * the data dir, config.json and the token modules itself). The same checks
 * answer the extension's `diagnostics` frame; no report names the doctor.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../../agent/cli.ts';
import { demoDoctor } from '../../../agent/demo/demo-clinic.ts';
import type { DiagnosticCheck } from '../../../shared/diagnostics/diagnostic-report.ts';
import { pairedAgentSocket } from '../../support/agent-ws-client.ts';
import { startDemoAgent, type DemoAgent } from '../../support/demo-agent.ts';

let agent: DemoAgent;

beforeAll(async () => {
  agent = await startDemoAgent();
});

afterAll(async () => {
  await agent?.stop();
});

async function doctor(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['doctor', ...args], { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

const byId = (checks: DiagnosticCheck[], id: string) => checks.find((c) => c.id === id);

test('with a running demo agent: the agent, the demo token and certificate, the sandbox, without the doctor\'s name or SNILS', async () => {
  const json = await doctor('--json', '--data-dir', agent.dataDir);
  const report = JSON.parse(json.stdout) as { agentRunning: boolean; checks: DiagnosticCheck[] };
  expect(report.agentRunning).toBe(true);
  expect(byId(report.checks, 'agent.running')).toMatchObject({ status: 'ok', explanation: expect.stringContaining(`порту ${agent.port}`) });
  expect(byId(report.checks, 'token.certificates')).toMatchObject({ status: 'ok', explanation: 'Токенов: 1, сертификатов: 1, годных для подписи врача: 1.' });
  expect(byId(report.checks, 'token.certificates')!.details![0]).toMatch(/^сертификат [0-9a-f]{8}…: личный \(СНИЛС есть\)/);
  expect(byId(report.checks, 'remd.link')).toMatchObject({ status: 'ok', explanation: 'Песочница ЕГИСЗ (демо) отвечает.' });
  expect(byId(report.checks, 'outbox')).toMatchObject({ status: 'ok' });

  const text = await doctor('--data-dir', agent.dataDir);
  expect(text.stdout).toContain('[OK] Токен и сертификаты');
  for (const personal of [demoDoctor.snils, demoDoctor.lastName, demoDoctor.firstName]) {
    expect(json.stdout).not.toContain(personal);
    expect(text.stdout).not.toContain(personal);
  }
});

test('the paired extension gets the same checks in a diagnostics frame', async () => {
  const socket = await pairedAgentSocket(agent.port, () => agent.pairing.issueCode());
  socket.send({ type: 'diagnostics', id: 'd1' });
  const frame = await socket.next();
  socket.close();
  expect(frame).toMatchObject({ type: 'diagnostics', id: 'd1', protocol: 1 });
  const checks = (frame as { checks: DiagnosticCheck[] }).checks;
  expect(checks.map((c) => c.id)).toEqual(['token.modules', 'token.certificates', 'remd.link', 'outbox', 'iemk', 'nsi']);
});

test('without an agent: says it is not running, who holds the port, and checks what it can here', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-doctor-'));
  writeFileSync(join(dataDir, 'config.json'), '{"organization": ');
  const busy: Server = createServer().listen(0, '127.0.0.1');
  await new Promise((done) => busy.once('listening', done));
  const port = (busy.address() as { port: number }).port;
  try {
    const { code, stdout } = await doctor('--json', '--data-dir', dataDir, '--port', String(port));
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { agentRunning: boolean; checks: DiagnosticCheck[] };
    expect(report.agentRunning).toBe(false);
    const running = byId(report.checks, 'agent.running')!;
    expect(running.status).toBe('error');
    // This test's own process holds the port: doctor names it.
    expect(running.explanation).toContain(`порт ${port} занят: процесс ${process.pid}`);
    expect(byId(report.checks, 'config')).toMatchObject({ status: 'error', explanation: expect.stringContaining('config.json с ошибкой') });
    expect(byId(report.checks, 'data-dir')).toMatchObject({ status: 'ok' });
    expect(byId(report.checks, 'token.modules')).toBeDefined();
  } finally {
    busy.close();
  }
  const free = await doctor('--data-dir', join(dataDir, 'none'), '--port', String(port));
  expect(free.stdout).toContain(`Агент не запущен: порт ${port} никто не слушает`);
  expect(free.stdout).toContain('Каталога данных ещё нет');
});

test('a port that is no TCP port is refused with usage', async () => {
  expect(await doctor('--port', '70000')).toMatchObject({ code: 2, stderr: expect.stringContaining('не номер порта') });
});
