/**
 * Drives documents from the outbox to REMD: sends what is due, one at a time,
 * records the MessageID before each send (so a callback after a crash still
 * finds its document), and applies the retry policy by error class.
 */
import type { Logger } from '../log.ts';
import type { OutboxDocument, OutboxStore } from './outbox-store.ts';
import { isRetriableRemdCode, nextAttemptDelayMs } from './retry-policy.ts';

export interface RemdError { code: string; message: string }

/** The slice of the REMD client the outbox needs. */
export interface RemdSubmitPort {
  newMessageId(): string;
  registerDocument(request: unknown, messageId: string): Promise<{ status: 'accepted' } | { status: 'rejected'; errors: RemdError[] }>;
}

/** registerDocumentResult as the callback endpoint hands it over. */
export interface RemdResult {
  relatesToMessage?: string;
  localUid?: string;
  status: 'success' | 'error';
  emdrId?: string;
  errors?: RemdError[];
}

export class OutboxSubmitter {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  private readonly store: OutboxStore;
  private readonly remd: RemdSubmitPort;
  private readonly log: Logger;
  private readonly onChange: (doc: OutboxDocument) => void;

  constructor(store: OutboxStore, remd: RemdSubmitPort, log: Logger, onChange: (doc: OutboxDocument) => void) {
    this.store = store;
    this.remd = remd;
    this.log = log;
    this.onChange = onChange;
  }

  start(pollMs = 1_000): void {
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Sends everything due; coalesces concurrent kicks into one more pass. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.kick();
      }
    });
    return this.running;
  }

  /** Applies an asynchronous registerDocumentResult. Unknown results are ignored, not fatal. */
  applyResult(result: RemdResult): void {
    const doc = (result.relatesToMessage && this.store.findByMessageId(result.relatesToMessage))
      || (result.localUid && this.store.get(result.localUid)) || undefined;
    if (!doc) return this.log.warn('outbox.result-unmatched', { relatesToMessage: result.relatesToMessage });
    if (doc.state === 'registered') return;
    const next = result.status === 'success' && result.emdrId
      ? this.store.transition(doc.localUid, 'registered', { emdrId: result.emdrId }, 'registerDocumentResult')
      : this.store.transition(doc.localUid, 'rejected', { errors: JSON.stringify(result.errors ?? []) }, 'registerDocumentResult');
    this.moved(next);
  }

  private async drain(): Promise<void> {
    for (const doc of this.store.due(Date.now())) await this.send(doc);
  }

  private async send(doc: OutboxDocument): Promise<void> {
    const messageId = this.remd.newMessageId();
    this.store.update(doc.localUid, { messageId, attempts: doc.attempts + 1 });
    try {
      const answer = await this.remd.registerDocument(JSON.parse(doc.request), messageId);
      if (answer.status === 'accepted') return this.moved(this.store.transition(doc.localUid, 'submitted', {}, messageId));
      const retriable = answer.errors.every((e) => isRetriableRemdCode(e.code));
      if (retriable) return this.retryLater(doc, answer.errors.map((e) => e.code).join(','));
      this.moved(this.store.transition(doc.localUid, 'rejected', { errors: JSON.stringify(answer.errors) }, 'sync answer'));
    } catch (err) {
      this.retryLater(doc, err instanceof Error ? err.message : String(err));
    }
  }

  private retryLater(doc: OutboxDocument, reason: string): void {
    const delay = nextAttemptDelayMs(doc.attempts + 1);
    this.log.warn('outbox.retry-scheduled', { localUid: doc.localUid, delayMs: delay, reason });
    this.moved(this.store.transition(doc.localUid, 'failed-retryable', { nextAttemptAt: Date.now() + delay }, reason));
  }

  private moved(doc: OutboxDocument): void {
    this.log.info('outbox.state', { localUid: doc.localUid, state: doc.state, emdrId: doc.emdrId });
    this.onChange(doc);
  }
}
