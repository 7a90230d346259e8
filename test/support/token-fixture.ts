/**
 * Throw-away SoftHSM2 tokens for tests: each fixture gets its own temp dir,
 * a token provisioned with the demo CA and a TokenClient bound to it.
 * `cleanup()` stops the client's token host and removes the directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDoctor, demoOrganization } from '../../agent/demo/demo-clinic.ts';
import { provisionSoftHsmToken, type ProvisionOptions, type ProvisionedToken } from '../../agent/signing/demo-token.ts';
import { TokenClient, type TokenModuleConfig } from '../../agent/signing/token-client.ts';

export const FIXTURE_PIN = '246810';
export const FIXTURE_SO_PIN = '13579135';

export interface TokenFixture extends ProvisionedToken {
  dir: string;
  label: string;
  pin: string;
  /** PEM file of the demo CA, for `openssl cms -verify -CAfile`. */
  caFile: string;
  /** Module config to build more clients with. */
  config: TokenModuleConfig;
  client: TokenClient;
  cleanup(): Promise<void>;
}

export async function createTokenFixture(
  overrides: Partial<Omit<ProvisionOptions, 'dir'>> & { timeoutMs?: number } = {},
): Promise<TokenFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'egisz-token-'));
  const label = overrides.label ?? 'TEST-TOKEN';
  const pin = overrides.pin ?? FIXTURE_PIN;
  const provisioned = await provisionSoftHsmToken({
    holder: demoDoctor,
    organization: demoOrganization,
    soPin: FIXTURE_SO_PIN,
    ...overrides,
    dir,
    label,
    pin,
  });
  const caFile = join(dir, 'ca-for-tests.pem');
  writeFileSync(caFile, provisioned.caCertificatePem);
  const config: TokenModuleConfig = {
    modulePath: provisioned.modulePath,
    env: provisioned.env,
    tokenLabel: label,
    ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
  };
  const client = new TokenClient(config);
  return {
    ...provisioned,
    dir,
    label,
    pin,
    caFile,
    config,
    client,
    async cleanup() {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
