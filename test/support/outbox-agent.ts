/**
 * An in-process demo agent for outbox tests, with its own data dir, a
 * SoftHSM2 demo token and the sandbox under /sandbox, and config changes a
 * test needs (fast retries, short callback timeout, roles, gateway link).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent, type AgentHooks, type RunningAgent } from '../../agent/agent.ts';
import { loadConfig, type AgentConfig } from '../../agent/config.ts';
import { demoDoctor, demoOrganization, demoToken } from '../../agent/demo/demo-clinic.ts';
import { readAdminAccess } from '../../agent/gateway/admin-access.ts';
import { createLogger } from '../../agent/log.ts';
import { provisionSoftHsmToken } from '../../agent/signing/demo-token.ts';

export const fastOutbox: AgentConfig['outbox'] = { concurrency: 4, pollMs: 100, callbackTimeoutMs: 1_500, backoff: { baseMs: 200, capMs: 2_000 } };

export interface OutboxAgent extends RunningAgent {
  dataDir: string;
  access: { url: string; token: string };
  logLines: string[];
  stop(): Promise<void>;
}

/** `caDir`: the demo CA that issues the token's certificate (a workstation's is its gateway's, which its sandbox trusts). */
export async function startOutboxAgent(change: (config: AgentConfig) => void = () => {}, hooks: AgentHooks = {}, opts: { caDir?: string } = {}): Promise<OutboxAgent> {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-outbox-agent-'));
  const config = loadConfig({ demo: true, port: 0, dataDir });
  config.outbox = fastOutbox;
  const token = await provisionSoftHsmToken({
    dir: join(dataDir, 'demo-token'), label: demoToken.label, pin: demoToken.pin, soPin: demoToken.soPin,
    holder: demoDoctor, organization: demoOrganization, ...(opts.caDir ? { caDir: opts.caDir } : {}),
  });
  config.token = { modulePath: token.modulePath, env: token.env, tokenLabel: demoToken.label };
  change(config);
  const logLines: string[] = [];
  const agent = await startAgent(config, createLogger('debug', { write: (line) => logLines.push(line) }), hooks);
  const access = readAdminAccess(dataDir)!;
  return {
    ...agent, dataDir, logLines, access: { url: access.url, token: access.token },
    async stop() {
      await agent.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
