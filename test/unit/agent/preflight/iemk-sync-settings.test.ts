/**
 * config.json "iemkSync" (agent/preflight/iemk-sync-settings.ts): how long a
 * visit settles before its IEMK step, read at start in either mode, and
 * nonsense refused with a Russian reason and its code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { loadConfig } from '../../../../agent/config.ts';
import { parseIemkSyncSettings } from '../../../../agent/preflight/iemk-sync-settings.ts';

const clinic = { organization: { oid: '1.2.643.5.1.13.13.12.2.77.7701', name: 'МО' }, clientEntityId: 'x', token: { modulePath: '/lib/p11.so' } };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function load(json: Record<string, unknown>, demo = false) {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-iemk-config-'));
  dirs.push(dataDir);
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(json));
  return loadConfig({ dataDir, demo, port: 0 });
}

test('visitSettleMs from config.json reaches the agent\'s settings, in demo mode too; absent, the defaults stay', () => {
  expect(load({ ...clinic, iemkSync: { visitSettleMs: 120_000 } }).iemkSync).toEqual({ visitSettleMs: 120_000 });
  expect(load({ iemkSync: { visitSettleMs: 0 } }, true).iemkSync).toEqual({ visitSettleMs: 0 });
  expect(load(clinic).iemkSync).toBeUndefined();
  expect(parseIemkSyncSettings({})).toEqual({});
});

test.each([
  ['a string', { visitSettleMs: '10 минут' }, 'iemkSync.visitSettleMs'],
  ['negative', { visitSettleMs: -1 }, 'iemkSync.visitSettleMs'],
  ['longer than a day', { visitSettleMs: 86_400_001 }, 'iemkSync.visitSettleMs'],
  ['a fraction', { visitSettleMs: 1.5 }, 'iemkSync.visitSettleMs'],
  ['a misspelt key', { visitSettleMinutes: 10 }, 'visitSettleMinutes'],
  ['not an object', 600_000, 'объект'],
])('refuses %s at start with a Russian reason and its code', (_what, iemkSync, names) => {
  expect(() => load({ ...clinic, iemkSync })).toThrow(/CONFIG_IEMK_SYNC_INVALID: .*[а-я]/);
  expect(() => load({ ...clinic, iemkSync })).toThrow(names);
});
