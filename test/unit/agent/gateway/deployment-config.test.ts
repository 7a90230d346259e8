/**
 * The roles part of config.json (agent/config.ts): both roles by default, a
 * workstation alone needs its gateway link, secrets are long enough, the
 * outbox tuning is checked. Demo mode reads the same keys.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../../agent/config.ts';

const clinic = {
  organization: { oid: '1.2.643.5.1.13.13.12.2.77.7701', name: 'МО' }, clientEntityId: 'x', token: { modulePath: '/lib/p11.so' },
};

function load(json: Record<string, unknown>, demo = false) {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-config-'));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(json));
  return loadConfig({ dataDir, demo, port: 0 });
}

test('both roles by default, with the default outbox pacing', () => {
  const config = load(clinic);
  expect(config.roles).toEqual({ workstation: true, gateway: true });
  expect(config.outbox).toMatchObject({ concurrency: 4, callbackTimeoutMs: 600_000, backoff: { baseMs: 2_000, capMs: 300_000 } });
});

test('a gateway alone with its workstations, listener and tuning; demo mode reads the same keys', () => {
  const secret = 'f'.repeat(64);
  const config = load({
    ...clinic, roles: ['gateway'], workstations: [{ id: 'reg-1', secret }], publicUrl: 'http://10.0.0.5:17350',
    listen: { host: '10.0.0.5', port: 17350, allowFrom: ['10.0.0.'] }, outbox: { concurrency: 8, callbackTimeoutMs: 5_000 },
  });
  expect(config).toMatchObject({ roles: { workstation: false, gateway: true }, workstations: [{ id: 'reg-1' }], listen: { port: 17350 } });
  expect(config.outbox).toMatchObject({ concurrency: 8, callbackTimeoutMs: 5_000 });
  expect(load({ remdEndpoint: 'http://127.0.0.1:1/sandbox/remd', outbox: { pollMs: 100 } }, true))
    .toMatchObject({ demo: true, remdEndpoint: 'http://127.0.0.1:1/sandbox/remd', outbox: { pollMs: 100 } });
});

test('remdCertificate: a path relative to config.json, also in demo mode', () => {
  const config = load({ ...clinic, remdCertificate: 'remd.pem' });
  expect(config.remdCertificate).toMatch(/^\/.*egisz-config-[^/]+\/remd\.pem$/);
  expect(load({ remdCertificate: '/etc/egisz/remd.pem' }, true).remdCertificate).toBe('/etc/egisz/remd.pem');
});

test.each([
  ['a workstation alone without its gateway', { roles: ['workstation'] }],
  ['an unknown role', { roles: ['printer'] }],
  ['a short secret', { workstations: [{ id: 'reg-1', secret: 'short' }] }],
  ['nonsense outbox tuning', { outbox: { concurrency: 0 } }],
  ['a listener without a port', { listen: { host: '0.0.0.0' } }],
])('%s is refused', (_name, extra) => {
  expect(() => load({ ...clinic, ...extra })).toThrow(ConfigError);
});

test('care facts: the clinic’s from config.json, checked; the demo clinic’s in demo mode', () => {
  const careFacts = { patientCondition: '1', visitKind: { code: '1', codeSystem: '1.2.643.5.1.13.13.11.1007', codeSystemVersion: '2.2', codeSystemName: 'Вид обращения', displayName: 'Первичное' } };
  expect(load({ ...clinic, careFacts }).clinic.careFacts).toEqual(careFacts);
  expect(load(clinic).clinic.careFacts).toBeUndefined();
  expect(() => load({ ...clinic, careFacts: { visitKind: { code: '1' } } })).toThrow(/careFacts.*visitKind/);
  expect(load({}, true).clinic.careFacts).toMatchObject({ patientCondition: '1', paymentSource: { codeSystem: '1.2.643.5.1.13.13.11.1039' } });
});
