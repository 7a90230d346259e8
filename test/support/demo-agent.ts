/**
 * Starts a real agent in demo mode for a test: its own data dir, a fresh
 * SoftHSM2 demo token, the sandbox and the demo MIS on an ephemeral port.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/agent.ts';
import { loadConfig } from '../../agent/config.ts';
import { demoDoctor, demoOrganization, demoToken } from '../../agent/demo/demo-clinic.ts';
import { createLogger, type LogSink } from '../../agent/log.ts';
import { provisionSoftHsmToken } from '../../agent/signing/demo-token.ts';

export interface DemoAgent extends RunningAgent {
  dataDir: string;
  /** Every log line the agent wrote. */
  logLines: string[];
  stop(): Promise<void>;
}

/** `extensionOrigins`: more extension origins to accept, e.g. Firefox's moz-extension://<uuid>. */
export async function startDemoAgent(options: { extensionOrigins?: string[] } = {}): Promise<DemoAgent> {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-agent-'));
  if (options.extensionOrigins) writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ extensionOrigins: options.extensionOrigins }));
  const config = loadConfig({ demo: true, port: 0, dataDir });
  const token = await provisionSoftHsmToken({
    dir: join(dataDir, 'demo-token'), label: demoToken.label, pin: demoToken.pin, soPin: demoToken.soPin,
    holder: demoDoctor, organization: demoOrganization,
  });
  config.token = { modulePath: token.modulePath, env: token.env, tokenLabel: demoToken.label };
  const logLines: string[] = [];
  const sink: LogSink = { write: (line) => logLines.push(line) };
  const agent = await startAgent(config, createLogger('debug', sink));
  return {
    ...agent, dataDir, logLines,
    async stop() {
      await agent.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
