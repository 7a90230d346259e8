/**
 * The information system's key on the gateway: the clinic's organization
 * certificate (OGRN/INNLE, no SNILS) and its private key on a PKCS#11 token.
 * It signs every REMD request (WS-Security, egisz.md §1.2) and, where NSI 1520
 * MO_SIGN asks for it, the SEMD itself (orgSignature, a detached CAdES-BES,
 * §1.5). The gateway signs unattended, so the token's PIN comes from an
 * environment variable or a 0600 file, never from config.json itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { prepareCadesBes } from '../signing/cades-bes.ts';
import { normalizeFingerprint, parseCertificate, type ParsedCertificate } from '../signing/certificate.ts';
import { cmsAlgorithmFor, type CmsAlgorithm } from '../signing/cms-algorithms.ts';
import type { TokenModuleConfig } from '../signing/token-client.ts';
import { TokenHostProcess } from '../signing/token-host-process.ts';
import { TokenError } from '../signing/token-error.ts';
import type { RawTokenCertificate } from '../signing/token-host-messages.ts';
import { DIGEST_ALGORITHM, SIGNATURE_ALGORITHM } from '../egisz/remd/ws-security-algorithms.ts';
import { gostSigner } from '../egisz/remd/ws-security-gost.ts';
import type { WsSecuritySigner } from '../egisz/remd/ws-security.ts';

/** config.json "organizationKey". */
export interface OrganizationKeyConfig {
  token: TokenModuleConfig;
  /** Fingerprint (or its 8+ digit prefix) of the certificate; optional when the token holds one. */
  certificate?: string;
  /** The token's PIN: the name of an environment variable, or a file readable by the owner only. */
  pinEnv?: string;
  pinFile?: string;
}

export interface OrganizationSigner {
  certificate: ParsedCertificate;
  /** Detached CAdES-BES of the exact SEMD bytes: registerDocument orgSignature. */
  signDetached(content: Uint8Array): Promise<Uint8Array>;
  /** The signer RemdClient's secureEnvelope hands to signEnvelope. */
  wsSecurity: WsSecuritySigner;
  close(): Promise<void>;
}

export class OrganizationKeyError extends Error {}

export function readOrganizationPin(config: OrganizationKeyConfig): string {
  if (config.pinEnv) {
    const pin = process.env[config.pinEnv];
    if (!pin) throw new OrganizationKeyError(`organizationKey: переменная окружения ${config.pinEnv} с PIN-кодом ключа организации не задана`);
    return pin;
  }
  if (config.pinFile) {
    // A PIN file others can read is a key anyone on the machine can use.
    if ((statSync(config.pinFile).mode & 0o077) !== 0) {
      throw new OrganizationKeyError(`organizationKey: файл ${config.pinFile} доступен не только владельцу (нужен режим 0600)`);
    }
    return readFileSync(config.pinFile, 'utf8').trim();
  }
  throw new OrganizationKeyError('organizationKey: укажите "pinEnv" или "pinFile"');
}

/** Finds the organization certificate on the token and checks that its key signs. */
export async function openOrganizationKey(config: OrganizationKeyConfig): Promise<OrganizationSigner> {
  const pin = readOrganizationPin(config);
  const host = new TokenHostProcess(config.token.modulePath, config.token.env, config.token.timeoutMs);
  try {
    const found = pick(await host.request({ op: 'list-certificates', ...(config.token.tokenLabel ? { tokenLabel: config.token.tokenLabel } : {}) }), config.certificate);
    const certificate = parseCertificate(found.der);
    const algorithm = cmsAlgorithmFor(certificate.keyAlgorithm);
    // C_Sign over each input as the key's algorithm wants it (a digest, or the data for hash-on-token).
    // It signs unattended with a PIN from its file: its session stays logged in between documents.
    const signRaw = (inputs: Uint8Array[]) => host.request({
      op: 'sign', slotId: found.slotId, keyId: found.keyId, pin, stayLoggedIn: true,
      candidates: [algorithm, ...(algorithm.fallback ? [algorithm.fallback] : [])]
        .map((way) => ({ mechanism: way.mechanism, inputs: inputs.map((i) => way.tokenInput(i)) })),
    });
    const signer: OrganizationSigner = {
      certificate,
      async signDetached(content) {
        const prepared = prepareCadesBes({ content, certificateDer: found.der, signingTime: new Date(), algorithm });
        const [raw] = await signRaw([prepared.signedAttributes]);
        return prepared.assemble(algorithm.signatureValue(raw ?? new Uint8Array()));
      },
      wsSecurity: wsSecuritySigner(found.der, algorithm, async (data) => (await signRaw([data]))[0] ?? new Uint8Array()),
      close: () => host.close(),
    };
    await signer.signDetached(new Uint8Array([0])); // a wrong PIN or a missing key shows at start, not on the first document
    return signer;
  } catch (e) {
    await host.close();
    throw e;
  }
}

function pick(certs: RawTokenCertificate[], choice: string | undefined): RawTokenCertificate {
  const wanted = choice && normalizeFingerprint(choice);
  const matches = certs.filter((c) => !wanted || parseCertificate(c.der).fingerprint.startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  throw new TokenError(
    matches.length ? 'TOKEN_CERT_AMBIGUOUS' : 'TOKEN_CERT_NOT_FOUND',
    matches.length
      ? 'На токене организации несколько сертификатов: укажите "organizationKey.certificate" (отпечаток).'
      : 'Сертификат организации не найден на токене (organizationKey).',
  );
}

/**
 * XMLDSig SignatureValue bytes are what C_Sign returns: r‖s for ECDSA
 * (RFC 4050), the PKCS#1 block for RSA, the GOST value as the token gives it.
 */
function wsSecuritySigner(certificateDer: Uint8Array, algorithm: CmsAlgorithm, sign: (data: Uint8Array) => Promise<Uint8Array>): WsSecuritySigner {
  if (algorithm.key === 'gost2012-256' || algorithm.key === 'gost2012-512') {
    const gost = gostSigner({ certificateDer, bits: algorithm.key === 'gost2012-256' ? 256 : 512, signDigest: () => new Uint8Array() });
    return { ...gost, sign };
  }
  return {
    certificateDer,
    signatureAlgorithm: algorithm.key === 'rsa' ? SIGNATURE_ALGORITHM.rsaSha256 : SIGNATURE_ALGORITHM.ecdsaSha256,
    digestAlgorithm: DIGEST_ALGORITHM.sha256,
    digest: algorithm.digest,
    sign,
  };
}
