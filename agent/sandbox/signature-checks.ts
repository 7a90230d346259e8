/**
 * The personal signatures of a registration: each a detached CMS over the
 * exact file REMD fetched (egisz.md §1.5 «Signature format»), its certificate
 * consistent with the request and valid on the document's creation date.
 */
import type { ParsedCertificate } from '../signing/certificate.ts';
import { remdError, remdErrorCode } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { PersonalSignature, RegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import { parseMoment } from './stage-one-checks.ts';

export type VerifyDetachedCms = (
  content: Uint8Array,
  cmsDer: Uint8Array,
) => { ok: true; signer: ParsedCertificate; signingTime?: Date; certificates?: Uint8Array[] } | { ok: false; code: string; message: string };

export interface VerifiedSignature {
  signature: PersonalSignature;
  certificate: ParsedCertificate;
  /** The certificates the CMS carries (intermediates for the chain). */
  cmsCertificates?: Uint8Array[];
}

export interface SignatureVerdict {
  errors: RemdErrorItem[];
  verified: VerifiedSignature[];
}

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

export function checkSignatures(file: Uint8Array, request: RegisterDocumentRequest, verify: VerifyDetachedCms, now: Date): SignatureVerdict {
  const verdict: SignatureVerdict = { errors: [], verified: [] };
  const seen = new Set<string>();
  for (const signature of request.personalSignatures) {
    const data = signature.signature.data.replace(/\s/g, '');
    if (seen.has(data)) {
      verdict.errors.push(remdError('SIGNATURE_DUPLICATION', `СНИЛС [${signature.signer.snils}]`));
      continue;
    }
    seen.add(data);
    const checked = verifySignatureData(file, data, verify, signature.signer.snils);
    if ('error' in checked) {
      verdict.errors.push(checked.error);
      continue;
    }
    verdict.verified.push({ signature, certificate: checked.certificate, cmsCertificates: checked.certificates });
    verdict.errors.push(...checkCertificate(signature, checked.certificate, request.creationDateTime, now));
  }
  return verdict;
}

/** Decode and verify one base64 CMS over the file. */
export function verifySignatureData(
  file: Uint8Array,
  data: string,
  verify: VerifyDetachedCms,
  who: string,
): { certificate: ParsedCertificate; certificates: Uint8Array[] } | { error: RemdErrorItem } {
  if (!BASE64.test(data)) return { error: remdError('SIGNATURE_DECODING_ERROR', `[${who}]: подпись не в base64`) };
  const result = verify(file, new Uint8Array(Buffer.from(data, 'base64')));
  return result.ok ? { certificate: result.signer, certificates: result.certificates ?? [] } : { error: verificationError(result.code, result.message) };
}

/** The verifier may already speak NSI 305; anything else is «Подпись не верна». */
function verificationError(code: string, message: string): RemdErrorItem {
  return remdErrorCode(code) ? remdError(code, message) : remdError('SIGNATURE_VERIFICATION_ERROR', message);
}

function checkCertificate(signature: PersonalSignature, cert: ParsedCertificate, creationDateTime: string, now: Date): RemdErrorItem[] {
  const errors: RemdErrorItem[] = [];
  const { signer } = signature;
  const surname = cert.subject.surname?.trim().toLowerCase();
  if (cert.subject.snils !== signer.snils || (surname && surname !== signer.lastName.trim().toLowerCase())) {
    errors.push(
      remdError('VALUE_MISMATCH_METADATA_AND_CERTIFICATE', `Несоответствие данных подписанта в запросе [${signer.snils}] и в сертификате [${cert.subject.snils ?? ''}]`),
    );
  }
  errors.push(...certificateDates(cert, creationDateTime));
  if (now > cert.notAfter || now < cert.notBefore) errors.push(remdError('PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT', `СНИЛС [${signer.snils}]`));
  return errors;
}

/** The certificate must be valid on the document's creation date, and fit for signing. */
export function certificateDates(cert: ParsedCertificate, creationDateTime: string): RemdErrorItem[] {
  const errors: RemdErrorItem[] = [];
  const created = parseMoment(creationDateTime);
  if (created && created > cert.notAfter) {
    errors.push(remdError('DOC_DATE_MISMATCH_CERT_NOT_AFTER', `срок действия сертификата истёк [${cert.notAfter.toISOString()}]`));
  }
  if (created && created < cert.notBefore) {
    errors.push(remdError('DOC_DATE_MISMATCH_CERT_NOT_BEFORE', `сертификат действует с [${cert.notBefore.toISOString()}]`));
  }
  // An absent keyUsage extension restricts nothing.
  if (cert.keyUsage.length && !cert.keyUsage.includes('digitalSignature')) {
    errors.push(remdError('INVALID_CERT_KEY_USAGE', `[${cert.keyUsage.join(', ')}]`));
  }
  return errors;
}
