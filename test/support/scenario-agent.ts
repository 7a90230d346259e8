/**
 * A demo-mode agent for one seed-article scenario: like startDemoAgent, but
 * the doctor's token, the clinic (organization, staff) and the system's
 * clientEntityId may differ from the demo clinic's — a doctor missing from
 * FRMR, an expired or organisation-only certificate, an organization not
 * bound to the demo MIS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent } from '../../agent/agent.ts';
import { loadConfig, type AgentConfig } from '../../agent/config.ts';
import { demoDoctor, demoOrganization, demoToken } from '../../agent/demo/demo-clinic.ts';
import { createLogger, type LogSink } from '../../agent/log.ts';
import { provisionSoftHsmToken, type ProvisionOptions } from '../../agent/signing/demo-token.ts';
import type { Organization, Practitioner } from '../../shared/domain/record.ts';
import type { DemoAgent } from './demo-agent.ts';

export interface ScenarioOptions {
  doctor?: Practitioner;
  organization?: Organization;
  /** Certificate options: validity, organisation-only, another SNILS. */
  certificate?: Pick<Partial<ProvisionOptions>, 'validFrom' | 'validTo' | 'personal' | 'snilsOverride'>;
  clientEntityId?: string;
  /** Registry endpoints instead of the agent's own sandbox (e.g. ones that do not answer). */
  registries?: AgentConfig['registries'];
}

export async function startScenarioAgent(opts: ScenarioOptions = {}): Promise<DemoAgent> {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-scenario-'));
  const config = loadConfig({ demo: true, port: 0, dataDir });
  const doctor = opts.doctor ?? demoDoctor;
  const organization = opts.organization ?? demoOrganization;
  config.clinic = { organization, staff: [doctor] };
  if (opts.clientEntityId) config.clientEntityId = opts.clientEntityId;
  if (opts.registries) config.registries = opts.registries;
  const token = await provisionSoftHsmToken({
    dir: join(dataDir, 'demo-token'), label: demoToken.label, pin: demoToken.pin, soPin: demoToken.soPin,
    holder: doctor, organization, ...opts.certificate,
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
