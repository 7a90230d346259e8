/**
 * Pairing between the agent and an extension install.
 * The agent shows a short one-time code; the user types it into the
 * extension's options page; the extension receives a per-install secret and
 * from then on proves itself on every connect with HMAC-SHA256(secret, challenge).
 * Secrets are stored in <dataDir>/pairings.json, readable by the owner only.
 */
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long a pairing code stays valid, in milliseconds. */
const CODE_TTL_MS = 10 * 60 * 1000;
/** Wrong codes allowed before the current code is burned. */
const MAX_CODE_ATTEMPTS = 5;

interface PairedClient {
  clientId: string;
  /** Hex, 32 random bytes. */
  secret: string;
  pairedAt: string;
}

export class PairingRegistry {
  private clients = new Map<string, PairedClient>();
  private code: { value: string; expiresAt: number; attempts: number } | undefined;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'pairings.json');
    if (existsSync(this.file)) {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as PairedClient[];
      for (const c of saved) this.clients.set(c.clientId, c);
    }
  }

  /** A fresh one-time code, formatted "123-456". Replaces any earlier code. */
  issueCode(now = Date.now()): string {
    const digits = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const value = `${digits.slice(0, 3)}-${digits.slice(3)}`;
    this.code = { value, expiresAt: now + CODE_TTL_MS, attempts: 0 };
    return value;
  }

  /** Redeems the code once; returns the new client's credentials or undefined. */
  redeem(code: string, now = Date.now()): PairedClient | undefined {
    const current = this.code;
    if (!current || now > current.expiresAt) return undefined;
    if (code.replace(/\D/g, '') !== current.value.replace(/\D/g, '')) {
      if (++current.attempts >= MAX_CODE_ATTEMPTS) this.code = undefined;
      return undefined;
    }
    this.code = undefined;
    const client = { clientId: randomUUID(), secret: randomBytes(32).toString('hex'), pairedAt: new Date(now).toISOString() };
    this.clients.set(client.clientId, client);
    this.save();
    return client;
  }

  /** True when `mac` is HMAC-SHA256(secret of clientId, challenge) in hex. */
  verify(clientId: string, challenge: string, mac: string): boolean {
    const client = this.clients.get(clientId);
    if (!client || !/^[0-9a-f]{64}$/.test(mac)) return false;
    const expected = createHmac('sha256', client.secret).update(challenge).digest();
    return timingSafeEqual(expected, Buffer.from(mac, 'hex'));
  }

  revoke(clientId: string): boolean {
    const removed = this.clients.delete(clientId);
    if (removed) this.save();
    return removed;
  }

  list(): { clientId: string; pairedAt: string }[] {
    return [...this.clients.values()].map(({ clientId, pairedAt }) => ({ clientId, pairedAt }));
  }

  private save(): void {
    writeFileSync(this.file, JSON.stringify([...this.clients.values()], null, 2), { mode: 0o600 });
  }
}
