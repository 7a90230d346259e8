/**
 * The organization's signature (NSI 1520 MO_SIGN; egisz.md §1.5 orgSignature):
 * present exactly where the kind asks for it, over the same file, by a
 * certificate of the registering organization (its OGRN), valid on the
 * creation date. In `warn` mode an occurrence problem becomes a registration
 * warning instead of a refusal, so a MIS without an organization key can
 * still run the demo.
 */
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { RegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import { findOrganization } from './federal-dataset.ts';
import type { FederalDataset } from './federal-dataset.ts';
import { orgSignatureRule } from './kind-rules.ts';
import { certificateDates, verifySignatureData } from './signature-checks.ts';
import type { VerifyDetachedCms } from './signature-checks.ts';

export type OrgSignatureMode = 'enforce' | 'warn';

export interface OrgSignatureVerdict {
  errors: RemdErrorItem[];
  warnings: RemdErrorItem[];
}

export function checkOrgSignature(
  file: Uint8Array,
  request: RegisterDocumentRequest,
  dataset: FederalDataset,
  verify: VerifyDetachedCms,
  mode: OrgSignatureMode,
): OrgSignatureVerdict {
  const verdict: OrgSignatureVerdict = { errors: [], warnings: [] };
  const rule = orgSignatureRule(request.kind);
  const present = request.orgSignature !== undefined;
  if ((rule === 'required' && !present) || (rule === 'not-required' && present)) {
    const problem = remdError('ORG_SIGNATURE_OCCURRENCE_MISMATCH', `вид документов [${request.kind}]: подпись МО ${present ? 'не предусмотрена' : 'обязательна'}`);
    (mode === 'enforce' ? verdict.errors : verdict.warnings).push(problem);
  }
  if (!request.orgSignature) return verdict;
  if (request.personalSignatures.some((p) => p.signature.data === request.orgSignature?.data)) {
    verdict.errors.push(remdError('SIGNATURE_DUPLICATION', 'подпись МО совпадает с подписью сотрудника'));
    return verdict;
  }
  const checked = verifySignatureData(file, request.orgSignature.data, verify, request.organization);
  if ('error' in checked) {
    verdict.errors.push(checked.error);
    return verdict;
  }
  const ogrn = findOrganization(dataset, request.organization)?.ogrn;
  if (ogrn && checked.certificate.subject.ogrn !== ogrn) {
    verdict.errors.push(remdError('VALUE_MISMATCH_METADATA_AND_CERTIFICATE', `ОГРН организации [${ogrn}], в сертификате [${checked.certificate.subject.ogrn ?? ''}]`));
  }
  verdict.errors.push(...certificateDates(checked.certificate, request.creationDateTime));
  return verdict;
}
