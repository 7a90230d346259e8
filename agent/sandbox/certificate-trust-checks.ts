/**
 * REMD's check that each personal signature's certificate chains to an
 * accredited CA of the sandbox's list and is not revoked (its CRL fetched):
 * CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT, CA_INACCESSIBILITY. Off when
 * the sandbox has no list (a standalone sandbox trusts any issuer).
 */
import { judgeTrust } from '../signing/certificate-trust.ts';
import type { CrlCache } from '../signing/crl-cache.ts';
import type { TrustStore } from '../signing/trust-store.ts';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { VerifiedSignature } from './signature-checks.ts';

export interface SandboxTrust {
  store: TrustStore;
  crls: CrlCache;
}

export async function certificateTrustErrors(trust: SandboxTrust | undefined, verified: VerifiedSignature[], now: Date): Promise<RemdErrorItem[]> {
  if (!trust) return [];
  const errors: RemdErrorItem[] = [];
  for (const v of verified) {
    const findings = await judgeTrust(v.certificate.der, { ...trust, now, intermediates: v.cmsCertificates ?? [] });
    // A stale but unrevoked list is REMD's own concern, not the sender's.
    for (const f of findings.filter((x) => x.severity === 'error')) {
      errors.push(remdError(f.remdCode, `СНИЛС [${v.signature.signer.snils}]: ${f.message}`));
    }
  }
  return errors;
}
