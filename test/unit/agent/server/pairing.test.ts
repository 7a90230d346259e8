import { createHmac } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PairingRegistry } from '../../../../agent/server/pairing.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'egisz-pairing-'));
const mac = (secret: string, challenge: string) => createHmac('sha256', secret).update(challenge).digest('hex');

describe('PairingRegistry', () => {
  test('a code is redeemed once for a secret that then proves the client', () => {
    const registry = new PairingRegistry(dir());
    const code = registry.issueCode();
    expect(code).toMatch(/^\d{3}-\d{3}$/);
    const client = registry.redeem(code)!;
    expect(client.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(registry.redeem(code)).toBeUndefined();
    expect(registry.verify(client.clientId, 'challenge-1', mac(client.secret, 'challenge-1'))).toBe(true);
    expect(registry.verify(client.clientId, 'challenge-2', mac(client.secret, 'challenge-1'))).toBe(false);
    expect(registry.verify('someone-else', 'challenge-1', mac(client.secret, 'challenge-1'))).toBe(false);
  });

  test('the code is accepted without its dash, expires, and burns after five wrong tries', () => {
    const registry = new PairingRegistry(dir());
    const code = registry.issueCode(0);
    expect(registry.redeem(code.replace('-', ''), 60_000)).toBeDefined();

    const late = registry.issueCode(0);
    expect(registry.redeem(late, 11 * 60_000)).toBeUndefined();

    const guessed = registry.issueCode();
    for (let i = 0; i < 5; i++) expect(registry.redeem('000-000' === guessed ? '111-111' : '000-000')).toBeUndefined();
    expect(registry.redeem(guessed)).toBeUndefined();
  });

  test('pairings survive a restart, are stored owner-only, and can be revoked', () => {
    const where = dir();
    const first = new PairingRegistry(where);
    const client = first.redeem(first.issueCode())!;
    expect(statSync(join(where, 'pairings.json')).mode & 0o777).toBe(0o600);

    const second = new PairingRegistry(where);
    expect(second.verify(client.clientId, 'c', mac(client.secret, 'c'))).toBe(true);
    expect(second.revoke(client.clientId)).toBe(true);
    expect(new PairingRegistry(where).verify(client.clientId, 'c', mac(client.secret, 'c'))).toBe(false);
  });
});
