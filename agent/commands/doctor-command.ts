/**
 * `egisz-agent doctor [--json] [--data-dir DIR] [--config FILE] [--port N]`:
 * the diagnostics report of the «Диагностика» page, for the administrator.
 * With a running agent it asks the agent (token, REMD link, outbox, IEMK
 * queue, dictionaries); without one it says so and checks what it can here:
 * the port and who holds it, the data dir, config.json, the token modules and
 * tokens, the outbox and dictionaries on disk. No personal data is printed.
 * Exit 0 without errors, 1 with errors, 2 on bad usage.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnosticReport, overallStatus, type DiagnosticCheck } from '../../shared/diagnostics/diagnostic-report.ts';
import { DEFAULT_AGENT_PORT } from '../../shared/protocol/extension-id.ts';
import { ConfigError, defaultDataDir, loadConfig, type AgentConfig } from '../config.ts';
import { certificatesCheck, dictionariesCheck, modulesCheck, outboxCheck, remdCheck } from '../diagnostics/agent-checks.ts';
import { dictionaryFacts, outboxFactsFromFile, probeRemd, tokenFactsFromModule } from '../diagnostics/agent-diagnostics.ts';
import { agentRunningCheck, configCheck, dataDirCheck, type AgentPresence } from '../diagnostics/local-checks.ts';
import { portInUse, portOwner } from '../diagnostics/port-owner.ts';
import { findInstalledModules } from '../signing/known-modules.ts';
import { adminClient, AgentUnreachable } from './outbox-admin-client.ts';
import { perUserPort } from './start-command.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = 'usage: egisz-agent doctor [--json] [--data-dir DIR] [--config FILE] [--port N]\n';

export async function run(args: string[], io: Io): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' }, config: { type: 'string' }, port: { type: 'string' } } }));
  } catch {
    io.stderr(USAGE);
    return 2;
  }
  const port = values.port === undefined ? DEFAULT_AGENT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    io.stderr(`egisz-agent doctor: --port ${values.port} — не номер порта TCP (1–65535)\n${USAGE}`);
    return 2;
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  const running = await askRunningAgent(dataDir);
  const checks = running
    ? [agentRunningCheck({ port: running.port, running: true, agentVersion: running.agentVersion }), dataDirCheck(dataDirFacts(dataDir)), ...running.checks]
    : await localChecks(dataDir, port, values.config);
  if (values.json) io.stdout(`${JSON.stringify({ agentRunning: Boolean(running), status: overallStatus(checks), checks }, null, 2)}\n`);
  else io.stdout(formatDiagnosticReport(checks, [`Диагностика ЕГИСЗ-моста (egisz-agent doctor), ${new Date().toISOString()}`]));
  return overallStatus(checks) === 'error' ? 1 : 0;
}

interface RunningReport {
  agentVersion: string;
  port: number;
  checks: DiagnosticCheck[];
}

async function askRunningAgent(dataDir: string): Promise<RunningReport | undefined> {
  try {
    const reply = await adminClient(dataDir)('GET', '/diagnostics');
    return reply.status === 200 ? (reply.body as unknown as RunningReport) : undefined;
  } catch (err) {
    if (err instanceof AgentUnreachable) return undefined;
    throw err;
  }
}

/** Without a running agent: what this machine tells about it. */
async function localChecks(dataDir: string, port: number, configFile: string | undefined): Promise<DiagnosticCheck[]> {
  const now = new Date();
  const file = configFile ? resolve(configFile) : join(dataDir, 'config.json');
  const config = readConfig(dataDir, file);
  const checks = [agentRunningCheck(await presence(port)), dataDirCheck(dataDirFacts(dataDir)), configCheck(config.verdict)];
  const agentConfig = config.config;
  checks.push(modulesCheck(findInstalledModules(), agentConfig?.token ? { path: agentConfig.token.modulePath, exists: existsSync(agentConfig.token.modulePath) } : undefined));
  if (agentConfig?.token && existsSync(agentConfig.token.modulePath)) {
    checks.push(await tokenFactsFromModule(agentConfig).then((f) => certificatesCheck(f), (err: Error) => certificatesCheck({ failure: err.message })));
  }
  if (agentConfig && !agentConfig.demo) checks.push(remdCheck(await probeRemd(agentConfig, `http://127.0.0.1:${port}`)));
  checks.push(outboxCheck(readOutbox(dataDir) ?? { counts: {}, waiting: [] }, now), dictionariesCheck(dictionaryFacts(dataDir), now));
  return checks;
}

async function presence(port: number): Promise<AgentPresence> {
  const taken = await portInUse(port);
  if (taken) return { port, running: false, portTaken: true, owner: portOwner(port) };
  const own = perUserPort();
  const elsewhere = own !== port && (await portInUse(own)) && (portOwner(own)?.command.includes('egisz') ?? true);
  return { port, running: false, portTaken: false, ...(elsewhere ? { perUserPort: own } : {}) };
}

function readConfig(dataDir: string, file: string): { config?: AgentConfig; verdict: Parameters<typeof configCheck>[0] } {
  if (!existsSync(file)) return { verdict: { ok: false, file, missing: true, reason: '' } };
  try {
    const config = loadConfig({ dataDir, configFile: file });
    return { config, verdict: { ok: true, demo: false, file } };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { verdict: { ok: false, file, missing: false, reason: err.message } };
  }
}

function dataDirFacts(path: string): Parameters<typeof dataDirCheck>[0] {
  if (!existsSync(path)) return { path, exists: false };
  const stat = statSync(path);
  let writable = true;
  try {
    accessSync(path, constants.W_OK);
  } catch {
    writable = false;
  }
  return { path, exists: true, mode: stat.mode & 0o777, ownedByMe: process.getuid ? stat.uid === process.getuid() : true, writable };
}

/** A database the agent left in a state we cannot read is reported as no outbox, not a crash. */
function readOutbox(dataDir: string) {
  try {
    return outboxFactsFromFile(dataDir);
  } catch {
    return undefined;
  }
}
