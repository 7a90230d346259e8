/**
 * config.json "organizationKey" and the outbox's data-at-rest switches: what
 * the gateway accepts, and the PIN sources (an environment variable, or a file
 * only its owner can read).
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../../agent/config.ts';
import { OrganizationKeyError, readOrganizationPin } from '../../../../agent/gateway/organization-key.ts';

const clinic = { organization: { oid: '1.2.643.5.1.13.13.12.2.77.7701', name: 'МО' }, clientEntityId: 'x' };
const token = { modulePath: '/usr/lib/librtpkcs11ecp.so', tokenLabel: 'MO' };

function load(json: Record<string, unknown>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-config-'));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ ...clinic, ...json }));
  return loadConfig({ dataDir, port: 0 });
}

test('organizationKey needs a token module and a PIN source', () => {
  expect(load({ organizationKey: { token, pinEnv: 'ORG_PIN' } }).organizationKey).toEqual({ token, pinEnv: 'ORG_PIN' });
  expect(() => load({ organizationKey: { token } })).toThrow(ConfigError);
  expect(() => load({ organizationKey: { pinEnv: 'ORG_PIN' } })).toThrow(ConfigError);
  expect(load({}).organizationKey).toBeUndefined();
});

test('the PIN comes from the named variable or an owner-only file, never from config itself', () => {
  process.env.EGISZ_TEST_ORG_PIN = '4321';
  expect(readOrganizationPin({ token, pinEnv: 'EGISZ_TEST_ORG_PIN' })).toBe('4321');
  expect(() => readOrganizationPin({ token, pinEnv: 'EGISZ_TEST_NO_SUCH_PIN' })).toThrow(OrganizationKeyError);
  const file = join(mkdtempSync(join(tmpdir(), 'egisz-pin-')), 'org.pin');
  writeFileSync(file, '8765\n', { mode: 0o600 });
  expect(readOrganizationPin({ token, pinFile: file })).toBe('8765');
  chmodSync(file, 0o644);
  expect(() => readOrganizationPin({ token, pinFile: file })).toThrow(/0600/);
});

test('outbox.encryptBodies and outbox.retentionDays are read and checked', () => {
  expect(load({ outbox: { encryptBodies: true, retentionDays: 30 } }).outbox).toMatchObject({ encryptBodies: true, retentionDays: 30 });
  expect(load({}).outbox).toMatchObject({ encryptBodies: false });
  expect(load({}).outbox.retentionDays).toBeUndefined();
  expect(() => load({ outbox: { encryptBodies: 'yes' } })).toThrow(ConfigError);
  expect(() => load({ outbox: { retentionDays: -1 } })).toThrow(ConfigError);
});
