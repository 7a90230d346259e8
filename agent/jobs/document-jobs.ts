/**
 * The pipeline behind «Подписать и отправить»:
 *   prepare: complete the scraped record, validate it again, build the SEMD,
 *            check it against the XSD, pick and check the signer's certificate,
 *            render the preview from the exact bytes;
 *   sign:    sign those bytes on the token with the PIN, put the document in
 *            the durable outbox, and let the submitter take it to REMD.
 * Prepared jobs live in memory: nothing is signed or stored before the PIN.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ClinicalRecord, DraftRecord } from '../../shared/domain/record.ts';
import type { AgentFrame, CertificateSummary } from '../../shared/protocol/messages.ts';
import { agentErrors, type AgentErrorCode } from '../../shared/protocol/error-catalogue.ts';
import { hasErrors, type Issue } from '../../shared/validate/issue.ts';
import { validateRecord } from '../../shared/validate/validate-record.ts';
import type { AuditJournal } from '../audit/audit-journal.ts';
import type { Logger } from '../log.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import { buildSemd } from '../semd/semd-builders.ts';
import { renderPreview } from '../semd/preview.ts';
import { checkXsd } from '../semd/xsd-check.ts';
import { TokenError } from '../signing/token-client.ts';
import { completeRecord, type ClinicContext } from './record-completion.ts';
import { buildRegisterRequest } from './register-request.ts';
import type { SignerSource } from './signer-choice.ts';

interface PreparedJob {
  jobId: string;
  clientId: string;
  record: ClinicalRecord;
  xml: string;
  kind: string;
  certificate: CertificateSummary;
  createdAt: number;
}

/** A prepared job waits this long for the PIN before it is dropped. */
const PREPARED_TTL_MS = 30 * 60 * 1000;

export interface DocumentJobsDeps {
  clinic: ClinicContext;
  signer: SignerSource;
  outbox: OutboxStore;
  audit: AuditJournal;
  /** Called after a document enters the outbox, to start sending. */
  submit(): void;
  log: Logger;
  now?: () => Date;
}

type Reply = (frame: AgentFrame) => void;

export class DocumentJobs {
  private readonly prepared = new Map<string, PreparedJob>();
  private readonly deps: DocumentJobsDeps;

  constructor(deps: DocumentJobsDeps) {
    this.deps = deps;
  }

  async prepare(id: string, clientId: string, draft: DraftRecord, reply: Reply): Promise<void> {
    const now = this.deps.now?.() ?? new Date();
    const completed = completeRecord(draft, this.deps.clinic, now);
    const issues = validateRecord(completed, { now });
    if (hasErrors(issues)) return fail(reply, id, 'VALIDATION_FAILED', issues);
    const record = completed as ClinicalRecord;

    const semd = buildSemd(record, { localUid: record.document.localUid!, setId: randomUUID(), versionNumber: 1 });
    const xsd = await checkXsd(semd.xml, semd.kind);
    if (!xsd.ok) {
      this.deps.log.error('job.xsd-invalid', { kind: semd.kind, errors: xsd.errors.slice(0, 5).map((e) => e.message) });
      return fail(reply, id, 'DOCUMENT_XSD_INVALID');
    }
    const signer = await this.deps.signer.choose(record, now);
    if (!signer.ok) return fail(reply, id, 'DOCUMENT_CERTIFICATE_REJECTED', signer.issues);

    const jobId = randomUUID();
    this.prune(now.getTime());
    this.prepared.set(jobId, { jobId, clientId, record, xml: semd.xml, kind: semd.kind, certificate: signer.summary, createdAt: now.getTime() });
    const preview = renderPreview(semd.xml);
    const digest = createHash('sha256').update(semd.xml, 'utf8').digest('hex');
    this.deps.log.info('job.prepared', { jobId, kind: semd.kind });
    reply({
      type: 'prepared', id, jobId, certificate: signer.summary,
      preview: { title: preview.title, html: preview.html, digest, kind: semd.kind },
      issues: [...issues, ...signer.summary.warnings],
    });
  }

  async sign(id: string, clientId: string, jobId: string, pin: string, fingerprint: string, reply: Reply): Promise<void> {
    const job = this.prepared.get(jobId);
    if (!job || job.clientId !== clientId) return fail(reply, id, 'AGENT_JOB_NOT_FOUND');
    if (fingerprint !== job.certificate.fingerprint) return fail(reply, id, 'DOCUMENT_CERTIFICATE_REJECTED');
    reply({ type: 'job', id, jobId, state: 'signing' });
    const content = new TextEncoder().encode(job.xml);
    let signature: Uint8Array;
    try {
      signature = await this.deps.signer.sign(content, fingerprint, pin);
    } catch (err) {
      if (err instanceof TokenError) {
        reply({ type: 'error', id, code: err.code, message: err.message });
        return reply({ type: 'job', id, jobId, state: 'prepared' });
      }
      throw err;
    }
    const localUid = job.record.document.localUid!;
    const request = buildRegisterRequest(job.record, signature);
    this.deps.outbox.add({ localUid, clientId, jobId, kind: job.kind, semd: content, signature, request: JSON.stringify(request) });
    this.prepared.delete(jobId); // only once the signed document is durable
    this.deps.audit.append({
      event: 'signed', localUid, kind: job.kind, patientSnils: job.record.patient.snils, certificate: fingerprint,
    });
    this.deps.log.info('job.signed', { jobId, localUid });
    reply({ type: 'job', id, jobId, state: 'sending', localUid });
    this.deps.submit();
  }

  private prune(now: number): void {
    for (const [jobId, job] of this.prepared) if (now - job.createdAt > PREPARED_TTL_MS) this.prepared.delete(jobId);
  }
}

function fail(reply: Reply, id: string, code: AgentErrorCode, issues?: Issue[]): void {
  reply({ type: 'error', id, code, message: agentErrors[code].message, issues });
}
