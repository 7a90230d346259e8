/**
 * The document pipeline as reusable steps, shared by the extension's jobs
 * (prepare → PIN → sign) and `egisz-agent submit`:
 *   prepareDocument: complete the record, validate it, build the SEMD, check
 *                    it against the official XSD and Schematron (semd-verdict.ts),
 *                    pick and check the signer's certificate;
 *   signDocument:    sign those exact bytes and form the registerDocument request.
 * Where the signed document goes (the local outbox or a remote gateway) is
 * the caller's DocumentSink.
 */
import { randomUUID } from 'node:crypto';
import type { ClinicalRecord, DraftRecord } from '../../shared/domain/record.ts';
import type { AgentErrorCode } from '../../shared/protocol/error-catalogue.ts';
import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import { hasErrors, type Issue } from '../../shared/validate/issue.ts';
import { validateRecord } from '../../shared/validate/validate-record.ts';
import type { Logger } from '../log.ts';
import type { PreflightOutcome } from '../preflight/preflight.ts';
import type { NewOutboxDocument, OutboxState } from '../outbox/outbox-store.ts';
import { buildSemd } from '../semd/semd-builders.ts';
import { recordCareFacts, type CareFacts } from '../semd/care-facts.ts';
import { attributeFindings, checkSemd, type SemdCheck } from '../semd/semd-check.ts';
import { completeRecord, type ClinicContext } from './record-completion.ts';
import { buildRegisterRequest } from './register-request.ts';
import { semdVerdict } from './semd-verdict.ts';
import type { SignerSource } from './signer-choice.ts';

export interface PreparedDocument {
  record: ClinicalRecord;
  localUid: string;
  xml: string;
  kind: string;
  certificate: CertificateSummary;
  /** What the SEMD was built with beyond the record: a correction (next version) is built with the same. */
  facts?: CareFacts;
  /** Warnings of the record and the certificate: the document may still be signed. */
  issues: Issue[];
}

export type PrepareOutcome = { ok: true; document: PreparedDocument } | { ok: false; code: AgentErrorCode; issues?: Issue[] };

export interface PipelineDeps {
  clinic: ClinicContext;
  signer: SignerSource;
  log: Logger;
  /** Checks against the registries and the history before the PIN (agent/preflight), on every path in. */
  preflight?: { check(document: PreparedDocument): Promise<PreflightOutcome> };
  /** Where the XSD and Schematron run (semd-check-thread.ts); default this thread. */
  checkSemd?: (xml: string, kind: string) => Promise<SemdCheck>;
}

export async function prepareDocument(draft: DraftRecord, deps: PipelineDeps, now: Date): Promise<PrepareOutcome> {
  const completed = completeRecord(draft, deps.clinic, now);
  const issues = validateRecord(completed, { now });
  if (hasErrors(issues)) return { ok: false, code: 'VALIDATION_FAILED', issues };
  const record = completed as ClinicalRecord;
  const localUid = record.document.localUid!;
  const facts = recordCareFacts(record, deps.clinic.careFacts);
  const semd = buildSemd(record, { localUid, setId: randomUUID(), versionNumber: 1 }, facts);
  const verdict = semdVerdict(attributeFindings(await (deps.checkSemd ?? checkSemd)(semd.xml, semd.kind), record));
  if (!verdict.ok) {
    // Rule ids and element paths only: never the document's text.
    deps.log.error('job.semd-invalid', { kind: semd.kind, code: verdict.code, issues: verdict.issues.slice(0, 5).map((i) => i.hint ?? i.path) });
    return { ok: false, code: verdict.code, issues: verdict.issues };
  }
  const signer = await deps.signer.choose(record, now);
  if (!signer.ok) return { ok: false, code: 'DOCUMENT_CERTIFICATE_REJECTED', issues: signer.issues };
  const document: PreparedDocument = {
    record, localUid, xml: semd.xml, kind: semd.kind, certificate: signer.summary, facts, issues: [...issues, ...verdict.warnings, ...signer.summary.warnings],
  };
  if (!deps.preflight) return { ok: true, document };
  const checked = await deps.preflight.check(document);
  return checked.ok ? checked : { ok: false, code: 'PREFLIGHT_FAILED', issues: checked.issues };
}

/** Signs the prepared bytes with the confirmed certificate; throws TokenError on token trouble (wrong PIN…). */
export async function signDocument(
  prepared: PreparedDocument, signer: SignerSource, pin: string, owner: { clientId: string; jobId: string },
): Promise<NewOutboxDocument> {
  const semd = new TextEncoder().encode(prepared.xml);
  const signature = await signer.sign(semd, prepared.certificate.fingerprint, pin);
  return signedDocument(prepared, semd, signature, owner);
}

/**
 * Signs several prepared documents with one PIN entry (one token login) and
 * the one certificate the user confirmed for all of them; all or none.
 */
export async function signDocuments(
  batch: { prepared: PreparedDocument; owner: { clientId: string; jobId: string } }[], signer: SignerSource, pin: string, fingerprint: string,
): Promise<NewOutboxDocument[]> {
  const contents = batch.map((b) => new TextEncoder().encode(b.prepared.xml));
  const signatures = await signer.signBatch(contents, fingerprint, pin);
  return batch.map((b, i) => signedDocument(b.prepared, contents[i]!, signatures[i]!, b.owner));
}

function signedDocument(
  prepared: PreparedDocument, semd: Uint8Array, signature: Uint8Array, owner: { clientId: string; jobId: string },
): NewOutboxDocument {
  const request = buildRegisterRequest(prepared.record, signature);
  return { localUid: prepared.localUid, ...owner, kind: prepared.kind, semd, signature, request: JSON.stringify(request) };
}

/** Where signed documents go: this agent's outbox, or a gateway's over HTTP. */
export interface DocumentSink {
  /** Durably queues the document; a localUid already queued answers its state with `duplicate`. */
  accept(doc: NewOutboxDocument): Promise<{ localUid: string; state: OutboxState; duplicate: boolean }>;
  /** The state of a queued document, if this sink knows it. */
  status(localUid: string): Promise<{ state: OutboxState; emdrId?: string; errors?: string } | undefined>;
}
