/**
 * Drives documents from the outbox to REMD. Before each send it stores the
 * MessageID and the attempt count (so a callback after a crash still finds its
 * document, and a resend knows REMD may already have it); answers are applied
 * with compare-and-set transitions, so the callback and the synchronous answer
 * may arrive in either order. Due documents go out `concurrency` at a time;
 * a RATE_LIMIT pauses all sending, not just the one document.
 */
import type { Logger } from '../log.ts';
import { reconcile } from './outbox-reconciler.ts';
import { applyRemdResult } from './outbox-results.ts';
import { defaultOutboxSettings, type OutboxSettings } from './outbox-settings.ts';
import type { OutboxDocument, OutboxStore } from './outbox-store.ts';
import type { RemdPort, RemdResult } from './remd-port.ts';
import { judgeAnswer, judgeFailure, type Verdict } from './remd-verdict.ts';
import { applyVerdict, runPool, sendable } from './verdict-application.ts';

export class OutboxSubmitter {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;
  private readonly busy = new Set<string>();

  private readonly store: OutboxStore;
  private readonly remd: RemdPort;
  private readonly log: Logger;
  private readonly onChange: (doc: OutboxDocument) => void;
  private readonly settings: OutboxSettings;

  constructor(store: OutboxStore, remd: RemdPort, log: Logger, onChange: (doc: OutboxDocument) => void, settings = defaultOutboxSettings) {
    this.store = store;
    this.remd = remd;
    this.log = log;
    this.onChange = onChange;
    this.settings = settings;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.kick(), this.settings.pollMs);
    this.timer.unref();
    void this.kick();
  }

  /** Stops sending; resolves once the calls in flight have settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Whether a registerDocument or a reconciliation of this document is in flight. */
  isBusy(localUid: string): boolean {
    return this.busy.has(localUid);
  }

  /** Sends everything due, pass after pass while there is work; concurrent kicks join the running drain. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (err) {
        this.log.error('outbox.pass-failed', { error: String(err) });
        return;
      }
    } while (this.again && !this.stopped);
  }

  /** Applies an asynchronous registerDocumentResult; durable before it resolves (the callback acknowledges after). */
  async applyResult(result: RemdResult): Promise<void> {
    const moved = await applyRemdResult(this.store, result, this.log, this.settings.backoff);
    if (moved) this.moved(moved);
    if (moved?.state === 'failed-retryable') void this.kick();
  }

  /** One round: a batch of due sends and overdue reconciliations, `concurrency` at a time. */
  private async pass(): Promise<void> {
    const now = Date.now();
    if (this.pausedUntil > now) return;
    const limit = this.settings.concurrency * 8;
    const free = (d: OutboxDocument) => !this.busy.has(d.localUid);
    const tasks = [
      ...(await this.store.due(now, limit)).filter(free).map((d) => () => this.send(d)),
      ...(await this.store.overdue(now, limit)).filter(free).map((d) => () => this.check(d)),
    ];
    if (!tasks.length) return;
    await runPool(tasks, this.settings.concurrency, () => this.stopped || this.pausedUntil > Date.now());
    this.again = true;
  }

  private async send(doc: OutboxDocument): Promise<void> {
    this.busy.add(doc.localUid);
    try {
      // Re-read: an operator may have cancelled it since the batch was picked.
      const fresh = await this.store.get(doc.localUid);
      if (!fresh || !sendable.includes(fresh.state)) return;
      doc = fresh;
      const sentBefore = doc.attempts > 0;
      const messageId = this.remd.newMessageId();
      await this.store.update(doc.localUid, { messageId, attempts: doc.attempts + 1 });
      let verdict: Verdict;
      try {
        verdict = judgeAnswer(await this.remd.registerDocument(JSON.parse(doc.request), messageId), sentBefore, doc.kind);
      } catch (err) {
        verdict = judgeFailure(err);
      }
      const moved = await applyVerdict(this.store, { localUid: doc.localUid, attempts: doc.attempts + 1, messageId }, verdict, {
        settings: this.settings, log: this.log, pause: (ms) => this.pause(ms),
      });
      if (moved) this.moved(moved);
    } finally {
      this.busy.delete(doc.localUid);
    }
  }

  private async check(doc: OutboxDocument): Promise<void> {
    this.busy.add(doc.localUid);
    try {
      const moved = await reconcile(doc, { store: this.store, remd: this.remd, log: this.log, backoff: this.settings.backoff });
      if (moved) this.moved(moved);
    } finally {
      this.busy.delete(doc.localUid);
    }
  }

  private pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.log.warn('outbox.paused', { ms, reason: 'RATE_LIMIT' });
    setTimeout(() => void this.kick(), ms).unref();
  }

  private moved(doc: OutboxDocument): void {
    this.log.info('outbox.state', { localUid: doc.localUid, state: doc.state, emdrId: doc.emdrId });
    this.onChange(doc);
  }
}
