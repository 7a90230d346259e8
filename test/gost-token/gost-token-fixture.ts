/**
 * Throw-away GOST test tokens: builds gost-token.c once per source version
 * (into the OS temp dir), makes a GOST key and certificate with OpenSSL +
 * gost-engine, writes the token's config and gives a TokenClient for it.
 * `setFaults()` injects token events while a test runs.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseCertificate, type ParsedCertificate } from '../../agent/signing/certificate.ts';
import { TokenClient, type TokenModuleConfig } from '../../agent/signing/token-client.ts';
import { GOST_ENGINES_DIR, OpensslGost, gostEngineAvailable } from './openssl-gost.ts';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

/** True when gcc, the OpenSSL headers and gost-engine are there to build and run the token. */
export const gostTokenBuildable = (): boolean =>
  gostEngineAvailable() && existsSync('/usr/include/openssl/engine.h') && existsSync('/usr/bin/gcc');

/** Path of the built module, compiling it when this source version has not been built yet. */
export async function buildGostToken(): Promise<string> {
  const sources = readdirSync(here).filter((f) => /^gost-token.*\.[ch]$/.test(f) || f === 'build.sh').sort();
  const hash = createHash('sha256');
  for (const f of sources) hash.update(f).update(readFileSync(join(here, f)));
  const version = hash.digest('hex').slice(0, 12);
  const out = join(tmpdir(), 'egisz-gost-token', version, 'libgosttoken.so');
  if (!existsSync(out)) {
    mkdirSync(join(tmpdir(), 'egisz-gost-token', version), { recursive: true });
    await run('bash', [join(here, 'build.sh'), out]);
  }
  return out;
}

export interface GostTokenOptions {
  bits?: 256 | 512;
  /** OpenSSL param set letter: A/B/C for 256, A/B for 512. */
  paramset?: string;
  label?: string;
  pin?: string;
  maxTries?: number;
  /** "digest,withhash" (default) or "withhash" for a token without CKM_GOSTR3410. */
  mechanisms?: string;
  snils?: string;
  timeoutMs?: number;
}

export interface GostTokenFixture {
  dir: string;
  pin: string;
  config: TokenModuleConfig;
  client: TokenClient;
  certificate: ParsedCertificate;
  /** PEM of the self-signed certificate: the CA file for `openssl cms -verify`. */
  certFile: string;
  ossl: OpensslGost;
  /** Replaces the token's fault words: "removed", "slow=MS", "swap-halves", "crash"; "" clears them. */
  setFaults(words: string): void;
  /** Resolves once a slow C_Sign has started (the token writes a marker), for faults in the middle of signing. */
  insideSlowSign(timeoutMs?: number): Promise<void>;
  cleanup(): Promise<void>;
}

export async function createGostTokenFixture(opts: GostTokenOptions = {}): Promise<GostTokenFixture> {
  const modulePath = await buildGostToken();
  const dir = mkdtempSync(join(tmpdir(), 'egisz-gost-tok-'));
  const ossl = new OpensslGost(dir);
  const bits = opts.bits ?? 256;
  const pin = opts.pin ?? '123456';
  const key = await ossl.makeKeyAndCertificate('holder', bits, opts.paramset ?? 'A', opts.snils);
  const certDer = join(dir, 'holder.der');
  const faults = join(dir, 'faults');
  writeFileSync(faults, '');
  const conf = join(dir, 'token.conf');
  writeFileSync(conf, [
    `label=${opts.label ?? 'GOST-TEST'}`,
    `serial=${createHash('sha1').update(dir).digest('hex').slice(0, 16)}`,
    `pin=${pin}`,
    `max_tries=${opts.maxTries ?? 3}`,
    `key=${key.keyFile}`,
    `cert=${certDer}`,
    `id=${createHash('sha1').update(key.certDer).digest('hex').slice(0, 16)}`,
    `state=${join(dir, 'pin-state')}`,
    `faults=${faults}`,
    `mechanisms=${opts.mechanisms ?? 'digest,withhash'}`,
    '',
  ].join('\n'), { mode: 0o600 });
  const config: TokenModuleConfig = {
    modulePath,
    // OPENSSL_ENGINES: inside Node the module runs on Node's OpenSSL, which knows no engines dir.
    env: { GOST_TOKEN_CONF: conf, OPENSSL_ENGINES: GOST_ENGINES_DIR },
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  };
  const client = new TokenClient(config);
  return {
    dir,
    pin,
    config,
    client,
    certificate: parseCertificate(key.certDer),
    certFile: key.certFile,
    ossl,
    setFaults: (words) => {
      rmSync(`${faults}.signing`, { force: true });
      writeFileSync(faults, words);
    },
    async insideSlowSign(timeoutMs = 10_000) {
      for (const started = Date.now(); !existsSync(`${faults}.signing`); ) {
        if (Date.now() - started > timeoutMs) throw new Error('the token never entered C_Sign');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async cleanup() {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
