/**
 * Which organization key the gateway uses: config.json "organizationKey", or
 * in demo mode one provisioned in the data dir. A configured key that does
 * not open stops the start: IPS refuses unsigned requests anyway.
 */
import type { AgentConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { provisionDemoOrganizationKey } from './demo-organization-key.ts';
import { openOrganizationKey, type OrganizationSigner } from './organization-key.ts';

export async function startOrganizationKey(config: AgentConfig, log: Logger): Promise<OrganizationSigner | undefined> {
  const keyConfig = config.organizationKey ?? (config.demo ? await provisionDemoOrganizationKey(config.dataDir, config.clinic.organization) : undefined);
  if (!keyConfig) {
    log.warn('gateway.no-organization-key', { effect: 'REMD requests unsigned (WS-Security), no orgSignature' });
    return undefined;
  }
  const signer = await openOrganizationKey(keyConfig);
  log.info('gateway.organization-key', { fingerprint: signer.certificate.fingerprint, notAfter: signer.certificate.notAfter.toISOString() });
  return signer;
}
