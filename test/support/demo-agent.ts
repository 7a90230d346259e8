/**
 * Starts a real agent in demo mode for a test: its own data dir, a fresh
 * SoftHSM2 demo token, the sandbox and the demo MIS on an ephemeral port.
 * Options set up a seed-article scenario: another doctor or organization
 * (missing from FRMR, not bound to the demo MIS), another system ID, or a
 * certificate that is expired, organization-only or carries another SNILS,
 * or care facts other than the demo clinic's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/agent.ts';
import { loadConfig, type AgentConfig } from '../../agent/config.ts';
import { demoDoctor, demoOrganization, demoToken } from '../../agent/demo/demo-clinic.ts';
import { createLogger, type LogSink } from '../../agent/log.ts';
import type { CareFacts } from '../../agent/semd/care-facts.ts';
import { provisionSoftHsmToken, type ProvisionOptions } from '../../agent/signing/demo-token.ts';
import type { Organization, Practitioner } from '../../shared/domain/record.ts';

export interface DemoAgent extends RunningAgent {
  dataDir: string;
  /** Every log line the agent wrote. */
  logLines: string[];
  stop(): Promise<void>;
}

export interface DemoAgentOptions {
  /** More extension origins to accept, e.g. Firefox's moz-extension://<uuid>. */
  extensionOrigins?: string[];
  doctor?: Practitioner;
  organization?: Organization;
  /** Certificate options: validity, organization-only, another SNILS. */
  certificate?: Pick<Partial<ProvisionOptions>, 'validFrom' | 'validTo' | 'personal' | 'snilsOverride' | 'caDir'>;
  /** Shorthand for certificate.validTo: a certificate close to expiry. */
  certificateValidTo?: Date;
  clientEntityId?: string;
  /** Registry endpoints instead of the agent's own sandbox (e.g. ones that do not answer). */
  registries?: AgentConfig['registries'];
  /** The clinic's care facts instead of the demo clinic's (e.g. one missing). */
  careFacts?: CareFacts;
}

export async function startDemoAgent(opts: DemoAgentOptions = {}): Promise<DemoAgent> {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-agent-'));
  if (opts.extensionOrigins) writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ extensionOrigins: opts.extensionOrigins }));
  const config = loadConfig({ demo: true, port: 0, dataDir });
  const doctor = opts.doctor ?? demoDoctor;
  const organization = opts.organization ?? demoOrganization;
  config.clinic = { ...config.clinic, organization, staff: [doctor], ...(opts.careFacts ? { careFacts: opts.careFacts } : {}) };
  if (opts.clientEntityId) config.clientEntityId = opts.clientEntityId;
  if (opts.registries) config.registries = opts.registries;
  const token = await provisionSoftHsmToken({
    dir: join(dataDir, 'demo-token'), label: demoToken.label, pin: demoToken.pin, soPin: demoToken.soPin,
    holder: doctor, organization, ...opts.certificate,
    ...(opts.certificateValidTo ? { validTo: opts.certificateValidTo } : {}),
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
