/**
 * The durable outbox: one row per document version, keyed by localUid, and a
 * journal of every state transition. The interface hides SQLite: every method
 * may answer with a value or a promise (`Awaitable`) and callers always await,
 * so a multi-node gateway can keep the same rows in PostgreSQL. Nothing here
 * names a table, a pragma or a row id.
 */
export type OutboxState =
  | 'signed' // signed on the token, to be sent (or sent again) to REMD
  | 'submitted' // REMD accepted the request; waiting for registerDocumentResult, then reconciliation
  | 'registered'
  | 'rejected' // REMD refused; held for correction
  | 'failed-retryable' // a transport or temporary error; will be tried again
  | 'cancelled'; // withdrawn by an operator before REMD accepted it

export const OUTBOX_STATES: readonly OutboxState[] = ['signed', 'submitted', 'registered', 'rejected', 'failed-retryable', 'cancelled'];

export type Awaitable<T> = T | Promise<T>;

export interface OutboxDocument {
  localUid: string;
  /** Who asked for it: the paired extension install, "cli", or "<workstation>/<client>" on a gateway. */
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
  /** registerDocument calls started (stored before each send: >0 means REMD may have it). */
  attempts: number;
  /** Epoch ms: before it a retry must not start; for `submitted`, when to reconcile. */
  nextAttemptAt?: number;
  createdAt: string;
  updatedAt: string;
}

export type NewOutboxDocument = Omit<OutboxDocument, 'state' | 'attempts' | 'createdAt' | 'updatedAt' | 'messageId' | 'emdrId' | 'errors' | 'nextAttemptAt'>;

/** Where a document stands, without its bodies. */
export type OutboxStatus = Pick<OutboxDocument, 'state' | 'emdrId' | 'errors'>;

export type OutboxPatch = Partial<Pick<OutboxDocument, 'messageId' | 'emdrId' | 'errors' | 'attempts' | 'nextAttemptAt'>>;

export interface JournalEntry {
  localUid: string;
  from: OutboxState | null;
  to: OutboxState;
  at: string;
  detail?: string;
}

export interface OutboxFilter {
  state?: OutboxState;
  clientId?: string;
  jobId?: string;
  limit?: number;
}

/** A second add of a localUid the outbox already holds. */
export class OutboxDuplicateError extends Error {
  readonly localUid: string;

  constructor(localUid: string) {
    super(`outbox: ${localUid} is already queued`);
    this.name = 'OutboxDuplicateError';
    this.localUid = localUid;
  }
}

export interface OutboxStore {
  /** Adds a signed document, durably; a second add of the same localUid throws OutboxDuplicateError. */
  add(doc: NewOutboxDocument): Awaitable<OutboxDocument>;
  get(localUid: string): Awaitable<OutboxDocument | undefined>;
  /** The state, emdrId and errors only: no bodies read (pre-flight asks this for every earlier visit of a patient). */
  status(localUid: string): Awaitable<OutboxStatus | undefined>;
  findByMessageId(messageId: string): Awaitable<OutboxDocument | undefined>;
  /**
   * Moves a document to a new state and journals it, atomically. With `from`,
   * only when the current state is one of those (compare-and-set); answers
   * undefined when it was not, so racing writers (a callback overtaking the
   * synchronous answer) never step on each other.
   */
  transition(localUid: string, to: OutboxState, patch?: OutboxPatch, detail?: string, from?: readonly OutboxState[]): Awaitable<OutboxDocument | undefined>;
  /** Updates fields without a state change (e.g. the MessageID before a send). */
  update(localUid: string, patch: OutboxPatch): Awaitable<void>;
  /** Documents that need sending: signed, or retryable and due; oldest first. */
  due(now: number, limit?: number): Awaitable<OutboxDocument[]>;
  /** Submitted documents whose callback is overdue (nextAttemptAt reached): to reconcile. */
  overdue(now: number, limit?: number): Awaitable<OutboxDocument[]>;
  /** Newest first. */
  list(filter?: OutboxFilter): Awaitable<OutboxDocument[]>;
  /** How many documents are in each state. */
  counts(): Awaitable<Partial<Record<OutboxState, number>>>;
  journal(localUid: string): Awaitable<JournalEntry[]>;
  /** Retention: drops the bodies of documents registered before `registeredBefore` (epoch ms); answers how many. */
  purgeBodies(registeredBefore: number, limit?: number): Awaitable<number>;
  close(): Awaitable<void>;
}
