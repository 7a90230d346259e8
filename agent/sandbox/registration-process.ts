/**
 * Stage 2 of a registration, after the synchronous answer (egisz.md §1.4
 * steps 4–7): fetch the file, verify signatures, XSD, cross-check against the
 * request and the federal registries, then register or refuse.
 */
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { RegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import type { RegisterDocumentResult } from '../egisz/remd/register-document-result.ts';
import { XmlParseError } from '../egisz/remd/xml-reader.ts';
import type { Element } from '../egisz/remd/xml-reader.ts';
import { parseForSchematron } from '../semd/schematron-check.ts';
import { readCdaFacts } from './cda-facts.ts';
import type { CdaFacts } from './cda-facts.ts';
import { crossCheck } from './document-cross-check.ts';
import { fetchDocumentFile } from './document-fetch.ts';
import { checkPatientInMpi, checkStaffInFrmr, revocationErrors } from './federal-checks.ts';
import { rememberPatient } from './patient-index-learning.ts';
import type { FederalDataset } from './federal-dataset.ts';
import { checkOrgSignature } from './org-signature-checks.ts';
import type { OrgSignatureMode } from './org-signature-checks.ts';
import { toRegistryItem } from './sandbox-registry.ts';
import { schematronFindings, xsdErrors } from './schema-checks.ts';
import { checkSigningPolicy } from './signing-policy.ts';
import type { CheckSchematron, CheckXsd, SchematronMode } from './schema-checks.ts';
import type { SandboxRegistry } from './sandbox-registry.ts';
import { checkSignatures } from './signature-checks.ts';
import { certificateTrustErrors, type SandboxTrust } from './certificate-trust-checks.ts';
import type { VerifyDetachedCms } from './signature-checks.ts';

/** An accepted request waiting for stage 2. */
export interface Registration {
  messageId: string;
  clientEntityId: string;
  replyTo: string;
  documentFileUrl: string;
  request: RegisterDocumentRequest;
}

export interface RegistrationDeps {
  dataset: FederalDataset;
  registry: SandboxRegistry;
  fetch: typeof fetch;
  now: () => Date;
  verifyCms: VerifyDetachedCms;
  checkXsd: CheckXsd;
  checkSchematron: CheckSchematron;
  schematron: SchematronMode;
  orgSignature: OrgSignatureMode;
  /** The accredited CAs and their CRLs the personal certificates are checked against; none: any issuer. */
  trust?: SandboxTrust;
}

interface DocumentVerdict {
  errors: RemdErrorItem[];
  warnings: RemdErrorItem[];
}

export async function processRegistration(reg: Registration, deps: RegistrationDeps): Promise<RegisterDocumentResult> {
  const { request } = reg;
  let verdict: DocumentVerdict;
  try {
    verdict = await checkDocument(reg, deps);
  } catch {
    verdict = { errors: [remdError('INTERNAL_ERROR')], warnings: [] };
  }
  const { errors, warnings } = verdict;
  if (errors.length) return refuseRegistration(reg, deps, errors);
  const base = { relatesToMessage: reg.messageId, localUid: request.localUid, kind: request.kind, organization: request.organization };
  const entry = deps.registry.register(
    {
      localUid: request.localUid,
      kind: request.kind,
      patientSnils: request.patient.snils,
      organization: request.organization,
      creationDateTime: request.creationDateTime,
      clientEntityId: reg.clientEntityId,
    },
    deps.now(),
  );
  rememberPatient(deps.dataset, request);
  const registryItem = toRegistryItem(entry);
  if (warnings.length) registryItem.registrationWarnings = warnings;
  return { ...base, status: 'success', registryItem };
}

/** A refusal frees the localUid: the MIS may submit a corrected request under it. */
export function refuseRegistration(reg: Registration, deps: RegistrationDeps, errors: RemdErrorItem[]): RegisterDocumentResult {
  const { request } = reg;
  deps.registry.release(request.localUid);
  return { relatesToMessage: reg.messageId, localUid: request.localUid, kind: request.kind, organization: request.organization, status: 'error', errors };
}

async function checkDocument(reg: Registration, deps: RegistrationDeps): Promise<DocumentVerdict> {
  const fetched = await fetchDocumentFile(reg.documentFileUrl, { messageId: reg.messageId, localUid: reg.request.localUid }, deps.fetch);
  if (!fetched.ok) return { errors: fetched.errors, warnings: [] };
  const xml = new TextDecoder('utf-8', { fatal: false }).decode(fetched.file);
  // One parse for the facts and the Schematron; a file that is no CDA is parsed plainly, for the error it deserves.
  const cda = cdaRoot(xml);
  let facts: CdaFacts;
  try {
    facts = readCdaFacts(cda ?? xml);
  } catch (e) {
    if (e instanceof XmlParseError) return { errors: [remdError('INVALID_CONTENT', 'Переданный файл не является валидным XML файлом')], warnings: [] };
    throw e;
  }
  const signatures = checkSignatures(fetched.file, reg.request, deps.verifyCms, deps.now());
  const org = checkOrgSignature(fetched.file, reg.request, deps.dataset, deps.verifyCms, deps.orgSignature);
  const schematron = await schematronFindings(cda ?? xml, reg.request.kind, deps.checkSchematron, deps.schematron);
  const errors = [
    ...signatures.errors,
    ...signatures.verified.flatMap((v) => revocationErrors(deps.dataset, v.certificate, deps.now())),
    ...(await certificateTrustErrors(deps.trust, signatures.verified, deps.now())),
    ...org.errors,
    ...(await xsdErrors(xml, reg.request.kind, deps.checkXsd)),
    ...schematron.errors,
    ...crossCheck(reg.request, facts),
    ...checkStaffInFrmr(deps.dataset, reg.request, signatures.verified),
    ...checkSigningPolicy(deps.dataset, reg.request),
    ...checkPatientInMpi(deps.dataset, reg.request),
  ];
  return { errors, warnings: [...org.warnings, ...schematron.warnings] };
}

function cdaRoot(xml: string): Element | undefined {
  try {
    return parseForSchematron(xml);
  } catch {
    return undefined;
  }
}
