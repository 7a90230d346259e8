/**
 * The demo gateway's organization key: a SoftHSM2 token (EGISZ-ORG) in a
 * store of its own, <data-dir>/organization-token, with a key generated on the
 * token and an organization certificate (OGRN, INNLE, no SNILS) from the demo
 * CA of <data-dir>/demo-token. A store apart from the doctor's: two token hosts
 * on one SoftHSM2 store interfere (CKR_GENERAL_ERROR under load). Its PIN is random and kept in a 0600 file, as a clinic would keep
 * the real one. Idempotent: a second start reuses the token.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Organization } from '../../shared/domain/record.ts';
import { provisionSoftHsmToken } from '../signing/demo-token.ts';
import type { OrganizationKeyConfig } from './organization-key.ts';

export const DEMO_ORGANIZATION_TOKEN_LABEL = 'EGISZ-ORG';
const CERTIFICATE_FILE = 'organization.der';

export async function provisionDemoOrganizationKey(dataDir: string, organization: Organization): Promise<OrganizationKeyConfig> {
  const dir = join(dataDir, 'organization-token');
  const caDir = join(dataDir, 'demo-token');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(caDir, { recursive: true, mode: 0o700 });
  const pinFile = join(dir, 'organization.pin');
  if (!existsSync(pinFile)) {
    // A new PIN means a new token: drop the reuse marker so the token is initialised with it.
    rmSync(join(dir, CERTIFICATE_FILE), { force: true });
    writeFileSync(pinFile, randomBytes(9).toString('base64url'), { mode: 0o600 });
  }
  const pin = readFileSync(pinFile, 'utf8').trim();
  const token = await provisionSoftHsmToken({
    dir, label: DEMO_ORGANIZATION_TOKEN_LABEL, pin, soPin: randomBytes(9).toString('base64url'),
    organization, personal: false, certificateFile: CERTIFICATE_FILE, caDir,
  });
  return { token: { modulePath: token.modulePath, env: token.env, tokenLabel: DEMO_ORGANIZATION_TOKEN_LABEL }, pinFile };
}
