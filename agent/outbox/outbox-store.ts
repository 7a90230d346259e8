/**
 * The durable outbox: one row per document version, keyed by localUid, and a
 * journal of every state transition. The interface hides SQLite so that a
 * multi-node gateway can later keep the same rows in PostgreSQL.
 */
export type OutboxState =
  | 'signed' // signed on the token, not yet accepted by REMD
  | 'submitted' // REMD accepted the request; waiting for registerDocumentResult
  | 'registered'
  | 'rejected' // REMD refused; held for correction
  | 'failed-retryable'; // a transport or temporary error; will be tried again

export interface OutboxDocument {
  localUid: string;
  /** Who asked for it: the paired extension install, or "cli". */
  clientId: string;
  jobId: string;
  kind: string;
  state: OutboxState;
  /** The SEMD bytes exactly as signed. */
  semd: Uint8Array;
  /** Detached CAdES-BES, DER. */
  signature: Uint8Array;
  /** The registerDocument request fields, JSON. */
  request: string;
  /** WS-Addressing MessageID of the last registerDocument sent. */
  messageId?: string;
  emdrId?: string;
  /** JSON array of {code, message, path?}. */
  errors?: string;
  attempts: number;
  /** Epoch ms before which a retry must not start. */
  nextAttemptAt?: number;
  createdAt: string;
  updatedAt: string;
}

export type OutboxPatch = Partial<Pick<OutboxDocument, 'messageId' | 'emdrId' | 'errors' | 'attempts' | 'nextAttemptAt'>>;

export interface JournalEntry {
  localUid: string;
  from: OutboxState | null;
  to: OutboxState;
  at: string;
  detail?: string;
}

export interface OutboxStore {
  /** Adds a signed document; a second add of the same localUid is refused. */
  add(doc: Omit<OutboxDocument, 'state' | 'attempts' | 'createdAt' | 'updatedAt'>): OutboxDocument;
  get(localUid: string): OutboxDocument | undefined;
  findByMessageId(messageId: string): OutboxDocument | undefined;
  /** Moves a document to a new state and journals it, atomically. */
  transition(localUid: string, to: OutboxState, patch?: OutboxPatch, detail?: string): OutboxDocument;
  /** Updates fields without a state change (e.g. the MessageID before a send). */
  update(localUid: string, patch: OutboxPatch): void;
  /** Documents that still need sending: signed, or retryable and due. */
  due(now: number): OutboxDocument[];
  list(filter?: { state?: OutboxState; limit?: number }): OutboxDocument[];
  journal(localUid: string): JournalEntry[];
  close(): void;
}
