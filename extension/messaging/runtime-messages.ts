/**
 * Messages inside the extension (runtime messaging), named by hop. The agent's
 * wire frames are in shared/protocol/messages.ts; these never leave the browser.
 */
import type { DiagnosticCheck } from '../../shared/diagnostics/diagnostic-report.ts';
import type { DraftRecord } from '../../shared/domain/record.ts';
import type { CaseEdit, CaseSummary, CertificateSummary, DocumentPreview, JobState, QueuedDocument, RemdError, UnmatchedCaseDocument } from '../../shared/protocol/messages.ts';
import type { Issue } from '../../shared/validate/issue.ts';

/** Content scripts (MIS tab) → background. The origin is taken from the sender, never from here. */
export type ContentToBackground =
  /** The form detector found a profile for this page: inject the overlay into the sender's frame. */
  | { type: 'overlay-needed' }
  /** The profile reads ExtJS components: put the read-only page-world reader into the sender's tab. */
  | { type: 'page-reader-needed' }
  | { type: 'sign-and-send'; record: DraftRecord }
  /**
   * Sent every 20 s while this tab's job is under way: wakes a service worker
   * that was stopped, so it reconnects and catches up; answers with the job as stored.
   */
  | { type: 'watch-job'; jobId: string }
  /** The panel's way to the pairing settings when the agent says the extension is not paired. */
  | { type: 'open-options' };

/** Extension pages (confirm, options, popup) → background. */
export type PageToBackground =
  | { type: 'job-details'; jobId: string }
  /** The PIN goes straight into the `sign` frame; nothing stores or logs it. */
  | { type: 'confirm-sign'; jobId: string; pin: string }
  /** One PIN for several prepared jobs (batch signing); like confirm-sign, never stored or logged. */
  | { type: 'confirm-sign-batch'; jobIds: string[]; pin: string }
  /** The token's certificates with their expiry warnings (popup). */
  | { type: 'certificates' }
  /** This install's documents in the agent's outbox (popup). */
  | { type: 'queue' }
  /** Treatment cases (cases page): one patient's, or those of patients seen lately. */
  | { type: 'cases'; snils?: string }
  /** Moves, splits, merges or closes; answered with the patient's cases after the edit. */
  | { type: 'case-edit'; snils: string; edit: CaseEdit }
  | { type: 'cancel-job'; jobId: string }
  | { type: 'pair'; port: number; code: string }
  | { type: 'unpair' }
  | { type: 'status'; probe?: boolean }
  /** The «Диагностика» page's checks; `site`: the MIS tab's address, judged by host only. */
  | { type: 'diagnostics'; site?: string };

export type BackgroundRequest = ContentToBackground | PageToBackground;

/** Background → the job's MIS tab and any extension page. */
export type BackgroundPush = { type: 'job-update'; job: JobView } | { type: 'job-cancelled'; jobId: string };

/** Where a job stands, as the panel and the confirm page show it. */
export interface JobView {
  jobId: string;
  state: JobState;
  emdrId?: string;
  /** REMD errors, each tied to a record path where known. */
  errors?: RemdError[];
}

/** A failure as the UI shows it: Russian text, plus field issues when there are any. */
export interface Failure {
  ok: false;
  code: string;
  message: string;
  issues?: Issue[];
}

export type SignAndSendReply = { ok: true; jobId: string } | Failure;
export type WatchJobReply = { ok: true; job: JobView } | Failure;

export type JobDetailsReply =
  | {
      ok: true;
      job: JobView;
      preview: DocumentPreview;
      certificate: CertificateSummary;
      /** Warnings the agent found while preparing. */
      issues: Issue[];
    }
  | Failure;

export type ConfirmSignReply = { ok: true; job: JobView } | Failure;
export type ConfirmBatchReply = { ok: true; jobs: JobView[] } | Failure;
export type CertificatesReply = { ok: true; certificates: CertificateSummary[] } | Failure;
/** `title` when this browser session prepared the document itself. */
export type QueueReply = { ok: true; documents: (QueuedDocument & { title?: string })[] } | Failure;
/** `unmatched`: epicrises that fit none of the patients' cases. */
export type CasesReply = { ok: true; cases: CaseSummary[]; unmatched?: UnmatchedCaseDocument[] } | Failure;
/** The extension's checks, then the agent's, without personal data. */
export type DiagnosticsReply = { ok: true; checks: DiagnosticCheck[]; extensionVersion: string } | Failure;
export type PairReply = { ok: true; clientId: string } | Failure;
export type DoneReply = { ok: true } | Failure;

/** Connection as the popup and options page show it. */
export type AgentLink = 'unpaired' | 'connected' | 'unreachable' | 'unknown';

export interface StatusReply {
  ok: true;
  paired: boolean;
  port: number;
  link: AgentLink;
  /** Latest first. */
  jobs: (JobView & { title: string; origin: string })[];
}
