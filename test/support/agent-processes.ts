/**
 * Real processes for the crash tests: the EGISZ sandbox (its own process, so
 * it survives the agent) and the agent itself (`egisz-agent start --demo`),
 * which a test may SIGKILL and start again on the same port and data dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readAdminAccess } from '../../agent/gateway/admin-access.ts';
import { demoClientEntityId } from '../../agent/demo/demo-clinic.ts';

const root = new URL('../../', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface SandboxProcess {
  url: string;
  /** The certificate its callbacks are signed with: the agent's remdCertificate. */
  certificateFile: string;
  logs: string[];
  stop(): void;
}

/** The federal dataset in `dir`, its demo system fetching files from the agent at `agentPort`; returns the file. */
export function sandboxDatasetFor(dir: string, agentPort: number): string {
  const dataset = JSON.parse(readFileSync(join(root, 'agent/sandbox/federal-dataset.json'), 'utf8')) as { systems: { clientEntityId: string; documentFileUrl?: string }[] };
  for (const system of dataset.systems) {
    if (system.clientEntityId === demoClientEntityId) system.documentFileUrl = `http://127.0.0.1:${agentPort}/remd/document-file`;
  }
  const file = join(dir, 'federal-dataset.json');
  writeFileSync(file, JSON.stringify(dataset));
  return file;
}

/** Starts the sandbox with the federal dataset, its demo system fetching files from the agent at `agentPort`. */
export async function startSandboxProcess(dir: string, agentPort: number, schematron: 'warn' | 'enforce' | 'off' = 'warn'): Promise<SandboxProcess> {
  const file = sandboxDatasetFor(dir, agentPort);
  const child = spawn(process.execPath, [join(root, 'test/support/sandbox-main.ts'), file, schematron], { stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const { url, certificateFile } = await new Promise<{ url: string; certificateFile: string }>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { url: string; certificateFile: string }));
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${logs.join('\n')}`)));
  });
  return { url, certificateFile, logs, stop: () => void child.kill('SIGTERM') };
}

export interface AgentProcess {
  child: ChildProcess;
  logs: string[];
  /** Resolves once the agent answers its admin API. */
  ready: Promise<{ url: string; token: string }>;
}

export function spawnAgent(dataDir: string, port: number, logs: string[] = []): AgentProcess {
  const child = spawn(process.execPath, [join(root, 'agent/bin/egisz-agent.js'), 'start', '--demo', '--port', String(port), '--data-dir', dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, EGISZ_LOG_LEVEL: 'warn' },
  });
  child.stderr!.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const ready = (async () => {
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`agent exited ${child.exitCode}: ${logs.slice(-5).join('\n')}`);
      const access = readAdminAccess(dataDir);
      if (access && access.pid === child.pid) {
        const ok = await fetch(`${access.url}/admin/v1/outbox?limit=1`, { headers: { authorization: `Bearer ${access.token}` } }).then((r) => r.ok, () => false);
        if (ok) return { url: access.url, token: access.token };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('agent did not start in 30 s');
  })();
  return { child, logs, ready };
}

/** SIGKILL and wait for the exit: no shutdown code runs. */
export async function killHard(agent: AgentProcess): Promise<void> {
  if (agent.child.exitCode !== null || agent.child.signalCode !== null) return;
  const exited = new Promise((done) => agent.child.once('exit', done));
  agent.child.kill('SIGKILL');
  await exited;
}
