/**
 * Revocation by CRL: the lists named in a certificate's distribution points,
 * fetched over HTTP and kept on disk until their nextUpdate. When a list
 * cannot be fetched, a cached one past nextUpdate still answers for a bounded
 * time (stale, so the caller warns); after that the status is unknown, which
 * REMD answers with CA_INACCESSIBILITY. A list is used only once its
 * signature verifies with the issuing CA's key.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainCertificate } from './chain-certificate.ts';
import { crlSignedBy, parseCrl, type Crl } from './crl.ts';

export type RevocationStatus =
  | { status: 'good'; /** Answered by a cached list past its nextUpdate. */ stale: boolean }
  | { status: 'revoked'; at: Date }
  | { status: 'unknown'; reason: string };

export interface CrlCacheOptions {
  /** Directory the lists are kept in; memory only without it. */
  dir?: string;
  fetch?: typeof fetch;
  /** How long past nextUpdate a cached list still answers when a fresh one cannot be had; default 3 days. */
  staleBoundMs?: number;
  timeoutMs?: number;
}

const DEFAULT_STALE_BOUND_MS = 3 * 86_400_000;
/** The largest lists of Russian CAs are a few MB; anything far beyond is not a CRL we want in memory. */
const MAX_CRL_BYTES = 64 << 20;

export class CrlCache {
  readonly #opts: CrlCacheOptions;
  readonly #lists = new Map<string, Crl>();
  readonly #inFlight = new Map<string, Promise<{ crl: Crl } | { reason: string }>>();

  constructor(opts: CrlCacheOptions = {}) {
    this.#opts = opts;
    if (opts.dir) mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  }

  /** The revocation status of `cert`, issued by `issuer`, at `now`. */
  async check(cert: ChainCertificate, issuer: ChainCertificate, now: Date): Promise<RevocationStatus> {
    if (cert.crlUrls.length === 0) return { status: 'unknown', reason: 'в сертификате не указан адрес списка отзыва (CRL)' };
    let reason = '';
    for (const url of cert.crlUrls) {
      const found = await this.#list(url, issuer, now);
      if ('reason' in found) { reason = found.reason; continue; }
      // Listed is revoked, whatever the date says: the signature is made now.
      const at = found.crl.revoked.get(cert.serialNumberHex);
      if (at) return { status: 'revoked', at };
      return { status: 'good', stale: found.stale };
    }
    return { status: 'unknown', reason };
  }

  async #list(url: string, issuer: ChainCertificate, now: Date): Promise<{ crl: Crl; stale: boolean } | { reason: string }> {
    const cached = this.#cached(url, issuer);
    if (cached && fresh(cached, now)) return { crl: cached, stale: false };
    const fetched = await this.#fetch(url, issuer);
    if ('crl' in fetched) {
      this.#store(url, fetched.crl);
      if (fresh(fetched.crl, now)) return { crl: fetched.crl, stale: false };
    }
    const bound = this.#opts.staleBoundMs ?? DEFAULT_STALE_BOUND_MS;
    const best = 'crl' in fetched ? fetched.crl : cached;
    if (best && issued(best, now) && (!best.nextUpdate || now.getTime() <= best.nextUpdate.getTime() + bound)) return { crl: best, stale: true };
    return { reason: 'reason' in fetched ? fetched.reason : `список отзыва ${url} устарел` };
  }

  /** One download per URL at a time: documents prepared together share it. */
  #fetch(url: string, issuer: ChainCertificate): Promise<{ crl: Crl } | { reason: string }> {
    const key = `${url} ${issuer.fingerprint}`;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#download(url, issuer).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  async #download(url: string, issuer: ChainCertificate): Promise<{ crl: Crl } | { reason: string }> {
    try {
      const res = await (this.#opts.fetch ?? fetch)(url, { signal: AbortSignal.timeout(this.#opts.timeoutMs ?? 10_000) });
      if (!res.ok) return { reason: `${url} ответил HTTP ${res.status}` };
      const body = new Uint8Array(await res.arrayBuffer());
      if (body.length > MAX_CRL_BYTES) return { reason: `список отзыва ${url} больше ${MAX_CRL_BYTES >> 20} МБ` };
      const crl = parseCrl(body);
      return crlSignedBy(crl, issuer) ? { crl } : { reason: `подпись списка отзыва ${url} не проверяется ключом УЦ` };
    } catch (e) {
      return { reason: `${url} недоступен (${(e as Error).message})` };
    }
  }

  #cached(url: string, issuer: ChainCertificate): Crl | undefined {
    const inMemory = this.#lists.get(url);
    if (inMemory) return inMemory;
    if (!this.#opts.dir) return undefined;
    try {
      const crl = parseCrl(new Uint8Array(readFileSync(this.#file(url))));
      if (!crlSignedBy(crl, issuer)) return undefined; // a file changed on disk is not trusted
      this.#lists.set(url, crl);
      return crl;
    } catch {
      return undefined;
    }
  }

  #store(url: string, crl: Crl): void {
    this.#lists.set(url, crl);
    if (!this.#opts.dir) return;
    try {
      writeFileSync(this.#file(url), crl.der, { mode: 0o600 });
    } catch {
      // A full or read-only disk costs only the copy kept for the next start.
    }
  }

  #file(url: string): string {
    return join(this.#opts.dir as string, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.crl`);
  }
}

/** The CA's clock and ours differ, and `now` may be when the check began, before the list was fetched. */
const CLOCK_SKEW_MS = 5 * 60_000;
const issued = (crl: Crl, now: Date): boolean => crl.thisUpdate.getTime() <= now.getTime() + CLOCK_SKEW_MS;
const fresh = (crl: Crl, now: Date): boolean => issued(crl, now) && (!crl.nextUpdate || now <= crl.nextUpdate);
