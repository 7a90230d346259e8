/**
 * The wire contract between the extension's background worker and the agent:
 * JSON frames over one WebSocket at ws://127.0.0.1:<port>/ws.
 *
 * Connect sequence:
 *   agent → ext  hello {challenge}
 *   ext → agent  auth {clientId, mac}        mac = lowercase hex of HMAC-SHA256, key = the secret
 *                                            string as UTF-8 bytes, message = the challenge string
 *     or         pair {code}                 first time only; the code is shown by the agent
 *   agent → ext  ready {clientId}  /  paired {clientId, secret}  /  error {code}
 * After ready, requests carry an `id` that the answer repeats.
 */
import type { DraftRecord } from '../domain/record.ts';
import type { DiagnosticCheck } from '../diagnostics/diagnostic-report.ts';
import type { Issue } from '../validate/issue.ts';

export const PROTOCOL_VERSION = 1;

/** The state of one document on its way to REMD, as shown on the panel. */
export type JobState =
  | 'prepared' // built and validated, waiting for the PIN
  | 'signing'
  | 'sending' // signed, in the outbox, being submitted
  | 'submitted' // REMD accepted the request, waiting for the callback
  | 'registered'
  | 'rejected'
  | 'failed';

export interface CertificateSummary {
  /** Owner's full name from the certificate subject (SN + G). */
  owner: string;
  snils?: string;
  /** Issuer CN. */
  issuer: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Hex SHA-256 of the certificate DER: binds the confirmation to this certificate. */
  fingerprint: string;
  warnings: Issue[];
}

export interface DocumentPreview {
  title: string;
  /** HTML rendered by the agent from the exact bytes that will be signed. */
  html: string;
  /** Hex SHA-256 of those bytes, shown to the user. */
  digest: string;
  kind: string;
}

/** A document of this install in the agent's outbox, as the popup lists it. */
export interface QueuedDocument {
  jobId: string;
  localUid: string;
  kind: string;
  state: JobState;
  emdrId?: string;
  errors?: RemdError[];
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

/** A treatment case (случай) as the cases page shows it: the visits grouped by the agent, with the IEMK's progress. */
export interface CaseSummary {
  caseId: string;
  patient: { snils: string; name: string };
  /** МКБ-10 category of the first visit, e.g. J06. */
  category: string;
  /** YYYY-MM-DD. */
  openDate: string;
  closeDate?: string;
  /** user: closed on the cases page or the admin API; gap: no visit for 30 days. */
  closedBy?: 'user' | 'gap';
  /** steps: the visits the IEMK has as steps. */
  iemk: { opened: boolean; closed: boolean; steps: string[] };
  /** One visit: a patient, a day, a doctor (one IEMK step), with every document written at it. */
  visits: { localUid: string; visitDate: string; mainDiagnosis: string; kind: string; doctor: string; documents: CaseDocumentSummary[] }[];
  /** Documents about the case as a whole: the epicrisis (42). */
  documents: CaseDocumentSummary[];
}

/** A sent document of a case: the latest version of its set under its first version's localUid. */
export interface CaseDocumentSummary {
  localUid: string;
  kind: string;
  /** The kind's name, e.g. «Протокол консультации». */
  title: string;
  versionNumber: number;
  /** The IEMK has this version of it. */
  inIemk: boolean;
}

/**
 * An epicrisis (42) that fits none of the patient's cases (no case of its
 * МКБ-10 category open on its date): it waits for the IEMK until the user
 * puts it into a case (`move` with its localUid).
 */
export interface UnmatchedCaseDocument extends CaseDocumentSummary {
  patient: { snils: string; name: string };
  /** YYYY-MM-DD, the date it states. */
  date: string;
  mainDiagnosis: string;
}

/** One change of the grouping; the agent answers with the patient's cases after it. */
export type CaseEdit =
  /** A visit (or an epicrisis) to another case of the same patient; without caseId back to the agent's rules. */
  | { action: 'move'; localUid: string; caseId?: string }
  /** The visit becomes a case of its own. */
  | { action: 'split'; localUid: string }
  /** Every visit of caseId joins intoCaseId. */
  | { action: 'merge'; caseId: string; intoCaseId: string }
  | { action: 'close'; caseId: string; closeDate: string; result?: string };

/** Most prepared documents one `sign-batch` may name: one PIN entry, one login (issue 5). */
export const MAX_BATCH_DOCUMENTS = 200;

/** A REMD error as it comes back, attached to a record field where possible. */
export interface RemdError {
  code: string;
  message: string;
  path?: string;
}

// Extension → agent.
export type ClientFrame =
  | { type: 'pair'; code: string }
  | { type: 'auth'; clientId: string; mac: string }
  | { type: 'ping' }
  | { type: 'prepare'; id: string; origin: string; record: DraftRecord }
  | { type: 'sign'; id: string; jobId: string; pin: string; certificate: string }
  | { type: 'job-status'; id: string; jobId: string }
  /** The token's certificates with their warnings (expiry in 30, 14, 3 days…), for the popup. */
  | { type: 'certificates'; id: string }
  /** This install's documents in the outbox, newest first. */
  | { type: 'queue'; id: string; limit?: number }
  /** Prepared jobs signed under one PIN entry; each job's state follows in `job` frames. */
  | { type: 'sign-batch'; id: string; jobIds: string[]; pin: string; certificate: string }
  /** A patient's treatment cases; without snils the cases of patients seen in the last 30 days. */
  | { type: 'cases'; id: string; snils?: string }
  /** Edits the grouping of one patient's cases; answered with `cases` for that patient. */
  | { type: 'case-edit'; id: string; snils: string; edit: CaseEdit }
  /** The agent's own checks for the «Диагностика» page: token, REMD link, outbox, IEMK queue, dictionaries. */
  | { type: 'diagnostics'; id: string };

// Agent → extension.
export type AgentFrame =
  | { type: 'hello'; challenge: string; protocol: number; agentVersion: string }
  | { type: 'ready'; clientId: string }
  | { type: 'paired'; clientId: string; secret: string }
  | { type: 'pong' }
  | {
      type: 'prepared';
      id: string;
      jobId: string;
      preview: DocumentPreview;
      certificate: CertificateSummary;
      issues: Issue[];
    }
  | { type: 'job'; id?: string; jobId: string; state: JobState; localUid?: string; emdrId?: string; errors?: RemdError[] }
  | { type: 'certificates'; id: string; certificates: CertificateSummary[] }
  | { type: 'queue'; id: string; documents: QueuedDocument[] }
  | { type: 'cases'; id: string; cases: CaseSummary[]; unmatched?: UnmatchedCaseDocument[] }
  /** The end of a `sign-batch`: every job signed and queued. */
  | { type: 'batch-signed'; id: string; jobs: { jobId: string; state: JobState; localUid?: string }[] }
  /** Checks without personal data, in the page's order. */
  | { type: 'diagnostics'; id: string; agentVersion: string; protocol: number; checks: DiagnosticCheck[] }
  | { type: 'error'; id?: string; code: string; message: string; issues?: Issue[] };

/** Largest frame either side accepts, in bytes. */
export const MAX_FRAME_BYTES = 256 * 1024;
