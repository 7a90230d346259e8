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
import type { DraftRecord } from '../../shared/domain/record.ts';
import { MAX_BATCH_DOCUMENTS, type AgentFrame } from '../../shared/protocol/messages.ts';
import { agentErrors, type AgentErrorCode } from '../../shared/protocol/error-catalogue.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import type { AuditJournal } from '../audit/audit-journal.ts';
import type { Logger } from '../log.ts';
import { renderPreview } from '../semd/preview.ts';
import { TokenError } from '../signing/token-client.ts';
import type { NewOutboxDocument } from '../outbox/outbox-store.ts';
import { prepareDocument, signDocument, signDocuments, type DocumentSink, type PipelineDeps, type PreparedDocument } from './document-pipeline.ts';
import type { ClinicContext } from './record-completion.ts';
import type { SignerSource } from './signer-choice.ts';

interface PreparedJob {
  jobId: string;
  clientId: string;
  document: PreparedDocument;
  createdAt: number;
}

/** A prepared job waits this long for the PIN before it is dropped. */
const PREPARED_TTL_MS = 30 * 60 * 1000;

export interface DocumentJobsDeps {
  clinic: ClinicContext;
  signer: SignerSource;
  /** Where signed documents go: the local outbox (which starts sending) or a gateway. */
  sink: DocumentSink;
  audit: AuditJournal;
  log: Logger;
  now?: () => Date;
  /** Checks against the registries and the history before the PIN; run inside prepareDocument. */
  preflight?: PipelineDeps['preflight'];
  checkSemd?: PipelineDeps['checkSemd'];
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
    const outcome = await prepareDocument(draft, this.deps, now);
    if (!outcome.ok) return fail(reply, id, outcome.code, outcome.issues);
    const { document } = outcome;
    const jobId = randomUUID();
    this.prune(now.getTime());
    this.prepared.set(jobId, { jobId, clientId, document, createdAt: now.getTime() });
    const preview = renderPreview(document.xml);
    const digest = createHash('sha256').update(document.xml, 'utf8').digest('hex');
    this.deps.log.info('job.prepared', { jobId, kind: document.kind });
    reply({
      type: 'prepared', id, jobId, certificate: document.certificate,
      preview: { title: preview.title, html: preview.html, digest, kind: document.kind },
      issues: document.issues,
    });
  }

  async sign(id: string, clientId: string, jobId: string, pin: string, fingerprint: string, reply: Reply): Promise<void> {
    const job = this.prepared.get(jobId);
    if (!job || job.clientId !== clientId) return fail(reply, id, 'AGENT_JOB_NOT_FOUND');
    if (fingerprint !== job.document.certificate.fingerprint) return fail(reply, id, 'DOCUMENT_CERTIFICATE_REJECTED');
    reply({ type: 'job', id, jobId, state: 'signing' });
    let signed;
    try {
      signed = await signDocument(job.document, this.deps.signer, pin, { clientId, jobId });
    } catch (err) {
      if (err instanceof TokenError) {
        reply({ type: 'error', id, code: err.code, message: err.message });
        return reply({ type: 'job', id, jobId, state: 'prepared' });
      }
      throw err;
    }
    await this.queue(job, signed, fingerprint);
    reply({ type: 'job', id, jobId, state: 'sending', localUid: signed.localUid });
  }

  /**
   * Several prepared jobs of this client under one PIN entry: one token login
   * (logged out afterwards), limited by count here and by time in the token
   * client. All are signed or none: a wrong PIN leaves every job prepared.
   */
  async signBatch(id: string, clientId: string, jobIds: string[], pin: string, fingerprint: string, reply: Reply): Promise<void> {
    if (jobIds.length > MAX_BATCH_DOCUMENTS) return fail(reply, id, 'BATCH_TOO_LARGE');
    const jobs = [...new Set(jobIds)].map((jobId) => this.prepared.get(jobId));
    if (jobs.some((job) => !job || job.clientId !== clientId)) return fail(reply, id, 'AGENT_JOB_NOT_FOUND');
    const batch = jobs as PreparedJob[];
    if (batch.some((job) => job.document.certificate.fingerprint !== fingerprint)) return fail(reply, id, 'BATCH_MIXED_CERTIFICATES');
    batch.forEach((job) => reply({ type: 'job', jobId: job.jobId, state: 'signing' }));
    let signed;
    try {
      const items = batch.map((job) => ({ prepared: job.document, owner: { clientId, jobId: job.jobId } }));
      signed = await signDocuments(items, this.deps.signer, pin, fingerprint);
    } catch (err) {
      if (!(err instanceof TokenError)) throw err;
      batch.forEach((job) => reply({ type: 'job', jobId: job.jobId, state: 'prepared' }));
      return reply({ type: 'error', id, code: err.code, message: err.message });
    }
    const done = [];
    for (const [i, job] of batch.entries()) {
      const doc = signed[i]!;
      await this.queue(job, doc, fingerprint);
      reply({ type: 'job', jobId: job.jobId, state: 'sending', localUid: doc.localUid });
      done.push({ jobId: job.jobId, state: 'sending' as const, localUid: doc.localUid });
    }
    this.deps.log.info('job.batch-signed', { count: done.length });
    reply({ type: 'batch-signed', id, jobs: done });
  }

  /** The token's certificates with their warnings, for the popup; token trouble answers as an error frame. */
  async certificates(id: string, reply: Reply): Promise<void> {
    try {
      const certificates = await this.deps.signer.certificates(this.deps.now?.() ?? new Date());
      reply({ type: 'certificates', id, certificates });
    } catch (err) {
      if (!(err instanceof TokenError)) throw err;
      reply({ type: 'error', id, code: err.code, message: err.message });
    }
  }

  /** Hands a signed document to the sink and forgets the prepared job only once it is durable. */
  private async queue(job: PreparedJob, signed: NewOutboxDocument, fingerprint: string): Promise<void> {
    await this.deps.sink.accept(signed);
    this.prepared.delete(job.jobId);
    this.deps.audit.append({
      event: 'signed', localUid: signed.localUid, kind: job.document.kind, patientSnils: job.document.record.patient.snils, certificate: fingerprint,
    });
    this.deps.log.info('job.signed', { jobId: job.jobId, localUid: signed.localUid });
  }

  private prune(now: number): void {
    for (const [jobId, job] of this.prepared) if (now - job.createdAt > PREPARED_TTL_MS) this.prepared.delete(jobId);
  }
}

function fail(reply: Reply, id: string, code: AgentErrorCode, issues?: Issue[]): void {
  reply({ type: 'error', id, code, message: agentErrors[code].message, issues });
}
