/**
 * Optional encryption of document bodies at rest (config outbox.encryptBodies):
 * the SEMD, the CMS, the registerDocument request and REMD's error texts hold
 * the patient's name and SNILS, so they are sealed with AES-256-GCM under a key kept in
 * <data-dir>/outbox.key (mode 0600). Each body is bound to its document and
 * field (AAD), so bodies cannot be swapped between rows unnoticed. Rows
 * written before encryption was switched on stay readable as they are.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MAGIC = Buffer.from('EGB1');
const TEXT_PREFIX = 'egb1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `errors`: REMD's error texts quote the patient's name and SNILS back. */
export type BodyField = 'semd' | 'signature' | 'request' | 'errors';

export class BodyCipher {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new Error('outbox key: 32 bytes expected');
    this.#key = Buffer.from(key);
  }

  seal(localUid: string, field: BodyField, plain: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv).setAAD(aad(localUid, field));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  }

  /** Plain bytes back; a body without the marker was stored before encryption and is returned as is. */
  open(localUid: string, field: BodyField, stored: Uint8Array): Uint8Array {
    const data = Buffer.from(stored);
    if (!isSealed(data)) return new Uint8Array(data);
    const iv = data.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = data.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv).setAAD(aad(localUid, field)).setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(data.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]));
  }

  sealText(localUid: string, field: BodyField, text: string): string {
    return TEXT_PREFIX + this.seal(localUid, field, Buffer.from(text, 'utf8')).toString('base64');
  }

  openText(localUid: string, field: BodyField, stored: string): string {
    if (!stored.startsWith(TEXT_PREFIX)) return stored;
    return Buffer.from(this.open(localUid, field, Buffer.from(stored.slice(TEXT_PREFIX.length), 'base64'))).toString('utf8');
  }
}

/** Reads a body without a cipher: a sealed one cannot be, and says so instead of handing out ciphertext. */
export function isSealed(stored: Uint8Array | string): boolean {
  if (typeof stored === 'string') return stored.startsWith(TEXT_PREFIX);
  return stored.length >= MAGIC.length && Buffer.from(stored.subarray(0, MAGIC.length)).equals(MAGIC);
}

const aad = (localUid: string, field: BodyField) => Buffer.from(`${localUid}\n${field}`, 'utf8');

/** <data-dir>/outbox.key: made once (32 random bytes), kept 0600. */
export function ensureOutboxKey(dataDir: string): string {
  const file = join(dataDir, 'outbox.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  if (statSync(file).size !== 32) throw new Error(`${file}: not an outbox key (32 bytes expected)`);
  return file;
}

export const loadBodyCipher = (keyFile: string) => new BodyCipher(readFileSync(keyFile));
