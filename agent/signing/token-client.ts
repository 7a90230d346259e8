/**
 * The agent's handle on a PKCS#11 token. PKCS#11 calls run in a child
 * process (token-host.ts); hashing and the CAdES-BES assembly run here, the
 * private-key operation (C_Sign) on the token. The PIN is passed through for
 * one login and never stored.
 */
import { MAX_BATCH_DOCUMENTS } from '../../shared/protocol/messages.ts';
import { parseCertificate, normalizeFingerprint, type ParsedCertificate } from './certificate.ts';
import { cmsAlgorithmFor } from './cms-algorithms.ts';
import { prepareCadesBes } from './cades-bes.ts';
import { verifyDetachedCms } from './verify-cms.ts';
import { DEFAULT_TOKEN_TIMEOUT_MS, TokenHostProcess } from './token-host-process.ts';
import { TokenError, certificateNotFound, tokenNotPresent } from './token-error.ts';
import type { RawTokenCertificate, TokenInfo } from './token-host-messages.ts';

export { TokenError } from './token-error.ts';
export type { TokenErrorCode, PinState } from './token-error.ts';
export type { TokenInfo } from './token-host-messages.ts';

/** Most documents one PIN entry may sign: a batch is limited by count (issue 5). */
export { MAX_BATCH_DOCUMENTS };
/** Time a batch gets per document beyond the first, in milliseconds, on top of timeoutMs. */
export const BATCH_MS_PER_DOCUMENT = 1_000;

export interface TokenModuleConfig {
  /** Absolute path of the PKCS#11 module (.so), e.g. /usr/lib/softhsm/libsofthsm2.so. */
  modulePath: string;
  /** Extra environment for the module process, e.g. SOFTHSM2_CONF or OPENSSL_ENGINES. */
  env?: Record<string, string>;
  /** Only use the token with this CKA label; all tokens when absent. */
  tokenLabel?: string;
  /** Per-call timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
}

export interface TokenCertificate {
  tokenLabel: string;
  slotId: number;
  /** Hex CKA_ID shared by the certificate and its private key. */
  keyId: string;
  der: Uint8Array;
  certificate: ParsedCertificate;
}

export interface SignDetachedRequest {
  /** The exact bytes to sign; the signature is detached. */
  content: Uint8Array;
  /** Hex SHA-256 of the certificate the user confirmed (ParsedCertificate.fingerprint). */
  certificateFingerprint: string;
  pin: string;
  /** signingTime attribute; now when absent. */
  signingTime?: Date;
}

export class TokenClient {
  readonly #config: TokenModuleConfig;
  readonly #host: TokenHostProcess;
  /** Certificates listed so far, by fingerprint: what a fingerprint names never changes. */
  readonly #seen = new Map<string, TokenCertificate>();

  constructor(config: TokenModuleConfig) {
    this.#config = config;
    this.#host = new TokenHostProcess(config.modulePath, config.env, config.timeoutMs);
  }

  /** PID of the token host child, when running (diagnostics and tests). */
  get hostPid(): number | undefined {
    return this.#host.pid;
  }

  async listTokens(): Promise<TokenInfo[]> {
    const tokens = await this.#host.request({ op: 'list-tokens' });
    const label = this.#config.tokenLabel;
    return label === undefined ? tokens : tokens.filter((t) => t.label === label);
  }

  /** X.509 certificates on the token(s); certificates that do not parse are skipped. */
  async listCertificates(): Promise<TokenCertificate[]> {
    const raw = await this.#host.request({
      op: 'list-certificates',
      ...(this.#config.tokenLabel !== undefined ? { tokenLabel: this.#config.tokenLabel } : {}),
    });
    const certificates = raw.flatMap((r) => {
      const parsed = tryParse(r);
      return parsed ? [parsed] : [];
    });
    for (const c of certificates) {
      if (this.#seen.size >= 64) this.#seen.clear();
      this.#seen.set(c.certificate.fingerprint, c);
    }
    return certificates;
  }

  /** Detached CAdES-BES (DER) over `content`, signed by the key paired with the chosen certificate. */
  async signDetached(req: SignDetachedRequest): Promise<Uint8Array> {
    const [signature] = await this.signDetachedBatch({ ...req, contents: [req.content] });
    if (!signature) throw new TokenError('TOKEN_OPERATION_FAILED', 'Токен не вернул подпись. Повторите подписание.', true);
    return signature;
  }

  /** Signs several documents under one PIN entry (one login); results keep the order of `contents`. */
  async signDetachedBatch(req: Omit<SignDetachedRequest, 'content'> & { contents: Uint8Array[] }): Promise<Uint8Array[]> {
    if (req.contents.length === 0) return [];
    if (req.contents.length > MAX_BATCH_DOCUMENTS) {
      throw new TokenError('TOKEN_BATCH_TOO_LARGE', `За один ввод PIN-кода можно подписать не больше ${MAX_BATCH_DOCUMENTS} документов. Разбейте пакет на части.`);
    }
    const wanted = normalizeFingerprint(req.certificateFingerprint);
    // A fingerprint names one certificate for good: once listed, its DER is known, and the host finds the
    // key by it when it signs (one request instead of a listing and a signing).
    const found = this.#seen.get(wanted) ?? (await this.listCertificates()).find((c) => c.certificate.fingerprint === wanted);
    if (!found) {
      // No token at all says more than "certificate not found".
      if ((await this.listTokens()).length === 0) throw tokenNotPresent(this.#config.tokenLabel);
      throw certificateNotFound();
    }
    const algorithm = cmsAlgorithmFor(found.certificate.keyAlgorithm);
    const signingTime = req.signingTime ?? new Date();
    const prepared = req.contents.map((content) =>
      prepareCadesBes({ content, certificateDer: found.der, signingTime, algorithm }),
    );
    const timeoutMs = (this.#config.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS) + BATCH_MS_PER_DOCUMENT * (req.contents.length - 1);
    const raw = await this.#host.request({
      op: 'sign-with-certificate',
      fingerprint: wanted,
      ...(this.#config.tokenLabel !== undefined ? { tokenLabel: this.#config.tokenLabel } : {}),
      pin: req.pin,
      candidates: [
        { mechanism: algorithm.mechanism, inputs: prepared.map((p) => algorithm.tokenInput(p.signedAttributes)) },
        ...(algorithm.fallback
          ? [{ mechanism: algorithm.fallback.mechanism, inputs: prepared.map((p) => algorithm.fallback!.tokenInput(p.signedAttributes)) }]
          : []),
      ],
    }, timeoutMs);
    const signatures = prepared.map((p, i) => p.assemble(algorithm.signatureValue(raw[i] ?? new Uint8Array())));
    // A token with another byte order or a wrong key would fail every document alike:
    // checking the first one catches it before anything leaves the agent.
    const first = verifyDetachedCms(req.contents[0] as Uint8Array, signatures[0] as Uint8Array);
    // A key whose GOST parameters the verifier does not know cannot be checked here; the token's result stands.
    if (!first.ok && first.code !== 'UNKNOWN_ALGORITHM') {
      throw new TokenError('TOKEN_SIGNATURE_INVALID', `Токен вернул подпись, которая не проверяется (${first.message}) Документ не отправлен; сообщите в техподдержку модель токена.`);
    }
    return signatures;
  }

  /** Stops the token host; a later call starts it again. */
  close(): Promise<void> {
    return this.#host.close();
  }
}

function tryParse(r: RawTokenCertificate): TokenCertificate | undefined {
  try {
    return { tokenLabel: r.tokenLabel, slotId: r.slotId, keyId: r.keyId, der: r.der, certificate: parseCertificate(r.der) };
  } catch {
    // Vendor tokens may carry objects that are not X.509 certificates we can read.
    return undefined;
  }
}
