/** config.json "trustedCa": paths relative to config.json, checked at start, and the store and cache built from them. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../../agent/config.ts';
import { readChainCertificate } from '../../../../agent/signing/chain-certificate.ts';
import { toPem } from '../../../../agent/signing/certificate-issuer.ts';
import { signingTrust } from '../../../../agent/signing/signing-trust.ts';
import { makeCa } from './test-certificates.ts';

const clinic = { organization: { oid: '1.2.643.5.1.13.13.12.2.77.7701', name: 'МО' }, clientEntityId: 'x' };

function load(json: Record<string, unknown>, files: (dir: string) => void = () => {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'egisz-config-'));
  files(dataDir);
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ ...clinic, ...json }));
  return { dataDir, config: loadConfig({ dataDir, port: 0 }) };
}

test('trustedCa: one path or a list, relative to config.json; a missing path or another type stops the start', () => {
  const ca = makeCa({ country: 'RU', commonName: 'УЦ клиники' });
  const { dataDir, config } = load({ trustedCa: ['ca/root.pem'] }, (dir) => {
    mkdirSync(join(dir, 'ca'));
    writeFileSync(join(dir, 'ca', 'root.pem'), toPem(ca.der));
  });
  expect(config.trustedCa).toEqual([join(dataDir, 'ca', 'root.pem')]);
  const trust = signingTrust({ dataDir, demo: false, cacheName: 'crl-cache', trustedCa: config.trustedCa! });
  expect(trust?.store.trusts(readChainCertificate(ca.der))).toBe(true);

  expect(load({ trustedCa: 'ca' }, (dir) => mkdirSync(join(dir, 'ca'))).config.trustedCa).toHaveLength(1);
  expect(() => load({ trustedCa: 'nowhere.pem' })).toThrow(ConfigError);
  expect(() => load({ trustedCa: [42] })).toThrow(/trustedCa/);
  expect(() => load({ trustedCa: [] })).toThrow(/trustedCa/);
});

test('without trustedCa and outside demo mode there is nothing to check against', () => {
  const { dataDir, config } = load({});
  expect(config.trustedCa).toBeUndefined();
  expect(signingTrust({ dataDir, demo: false, cacheName: 'crl-cache' })).toBeUndefined();
});
