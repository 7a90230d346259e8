/**
 * Keeps the IEMK's cases in step with ours without anyone asking: a
 * registered document, a closed case or a moved visit puts its patient on
 * the durable queue (iemk-sync-queue.ts); a worker sends each patient's cases
 * (case-iemk-sync.ts resumes where it stopped). Only documents REMD
 * registered go: a visit becomes a step, in date order, once all its
 * documents are registered; a case is closed in the IEMK once all its
 * visits and its epicrisis are there.
 * A visit waits visitSettleMs after its newest document, so the documents
 * written with it go in its step. Network errors are retried with backoff; an IEMK refusal is held with its
 * reason until the next change or a manual send. At start and daily the
 * recent patients are queued again: that recovers a trigger lost in a crash
 * and closes cases that ended by the 30-day gap.
 */
import { EmkFaultError, type EmkClient } from '../egisz/iemk/emk-client.ts';
import { RegistryUnavailableError } from '../egisz/registries/registry-http.ts';
import type { Logger } from '../log.ts';
import type { BookCase, BookDocument, BookVisit, CaseBook } from './case-book.ts';
import { caseDocumentsOf, registrationsOf, sendCaseToIemk } from './case-iemk-sync.ts';
import type { IemkSyncQueue, IemkSyncRow } from './iemk-sync-queue.ts';
import type { VisitHistory } from './visit-history.ts';

export interface IemkAutoSyncSettings {
  pollMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** How far back the start-up and daily sweep looks for patients. */
  sweepDays: number;
  /**
   * How long a visit waits after its newest document before it goes as a
   * step: the referral or prescription written right after the consultation
   * joins it (a step's records cannot be added to later: AddMedRecord names
   * no step).
   */
  visitSettleMs: number;
}

export const defaultIemkSyncSettings: IemkAutoSyncSettings = { pollMs: 5_000, retryBaseMs: 5_000, retryCapMs: 30 * 60_000, sweepDays: 90, visitSettleMs: 10 * 60_000 };

export interface IemkAutoSyncDeps {
  book: CaseBook;
  history: VisitHistory;
  queue: IemkSyncQueue;
  client: EmkClient;
  /** REMD registered this document (the outbox or the gateway says so). */
  isRegistered: (localUid: string) => Promise<boolean>;
  /** The registration number REMD gave it, linked from its IEMK record. */
  emdrIdOf?: (localUid: string) => Promise<string | undefined>;
  log: Logger;
  now?: () => Date;
  random?: () => number;
  settings?: Partial<IemkAutoSyncSettings>;
}

const DAY_MS = 86_400_000;

export class IemkAutoSync {
  private readonly deps: IemkAutoSyncDeps;
  private readonly settings: IemkAutoSyncSettings;
  private readonly timers: NodeJS.Timeout[] = [];
  /** One IEMK conversation at a time, shared with the manual send: a case is never opened twice. */
  private lock: Promise<unknown> = Promise.resolve();
  private draining?: Promise<void>;

  constructor(deps: IemkAutoSyncDeps) {
    this.deps = deps;
    this.settings = { ...defaultIemkSyncSettings, ...deps.settings };
  }

  start(): void {
    this.sweep();
    this.timers.push(setInterval(() => void this.drain(), this.settings.pollMs), setInterval(() => this.sweep(), DAY_MS));
    this.timers.forEach((t) => t.unref());
    void this.drain();
  }

  stop(): Promise<void> {
    this.timers.forEach((t) => clearInterval(t));
    return this.draining ?? Promise.resolve();
  }

  /** An outbox transition: a registered document queues its patient. */
  documentChanged(doc: { localUid: string; state: string }): void {
    if (doc.state !== 'registered') return;
    const snils = this.deps.history.get(doc.localUid)?.patientSnils;
    if (snils) this.patientChanged(snils);
  }

  /** A case was closed or a visit moved: queue its patient. */
  caseChanged(caseId: string): void {
    const snils = this.deps.book.patientOf(caseId);
    if (snils) this.patientChanged(snils);
  }

  patientChanged(snils: string): void {
    this.deps.queue.enqueue(snils, this.now());
    void this.drain();
  }

  /** Runs `fn` when no other IEMK conversation is going on. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Works off every due row; resolves when the queue has nothing due. */
  drain(): Promise<void> {
    this.draining ??= this.drainDue().finally(() => { this.draining = undefined; });
    return this.draining;
  }

  private async drainDue(): Promise<void> {
    for (let rows = this.deps.queue.due(this.now()); rows.length; rows = this.deps.queue.due(this.now())) {
      for (const row of rows) await this.exclusive(() => this.syncPatient(row));
    }
  }

  private async syncPatient(row: IemkSyncRow): Promise<void> {
    const { book, queue, log } = this.deps;
    try {
      const cases = await book.cases(row.patientSnils, this.now().toISOString().slice(0, 10));
      const wakes: number[] = [];
      for (const c of cases) {
        const wake = await this.syncCase(c);
        if (wake !== undefined) wakes.push(wake);
      }
      queue.done(row);
      if (wakes.length) queue.wakeAt(row.patientSnils, new Date(Math.min(...wakes)), this.now());
    } catch (e) {
      const message = (e as Error).message;
      if (e instanceof RegistryUnavailableError) {
        const delay = Math.min(this.settings.retryCapMs, this.settings.retryBaseMs * 2 ** row.attempts) * (0.5 + (this.deps.random ?? Math.random)() / 2);
        queue.retryLater(row, message, new Date(this.now().getTime() + delay), this.now());
        log.warn('iemk.sync-retry', { attempts: row.attempts + 1, delayMs: Math.round(delay), error: message });
      } else {
        queue.hold(row, message, this.now());
        // A fault quotes our data back; its text stays in the queue row, not in the log.
        log.warn('iemk.sync-held', { fault: e instanceof EmkFaultError, codes: e instanceof EmkFaultError ? e.items.map((i) => i.errorCode) : [] });
      }
    }
  }

  /**
   * The case up to its first visit not yet sent that has a document REMD has
   * not registered or is still settling, so the IEMK gets the steps in date
   * order and each step with all its documents; only registered documents
   * (their latest version) go. Closed there only once everything is in.
   * Answers when a settling visit is due (ms), if one holds the case back.
   */
  private async syncCase(c: BookCase): Promise<number | undefined> {
    const all = caseDocumentsOf(c);
    const flags = await Promise.all(all.map((d) => this.deps.isRegistered(d.row.localUid).catch(() => false)));
    const registered = new Set(all.filter((_, i) => flags[i]).map((d) => d.row.localUid));
    const ready = (d: BookDocument) => registered.has(d.row.localUid);
    const settlesAt = (v: BookVisit) => Math.max(...v.documents.map((d) => Date.parse(d.row.createdAt) || 0)) + this.settings.visitSettleMs;
    const stepped = this.deps.book.iemkProgress(c.caseId).steps;
    const byDate = [...c.visits].sort((a, b) => a.visitDate.localeCompare(b.visitDate));
    const now = this.now().getTime();
    const waiting = byDate.findIndex((v) => !stepped.includes(v.localUid) && (!v.documents.every(ready) || settlesAt(v) > now));
    const held = byDate[waiting];
    const wake = held?.documents.every(ready) ? settlesAt(held) : undefined;
    const visits = waiting < 0 ? byDate : byDate.slice(0, waiting);
    if (!visits.length) return wake;
    const sendable: BookCase = { ...c, visits };
    if (waiting >= 0 || !all.every(ready)) delete sendable.closeDate;
    await sendCaseToIemk(sendable, this.deps.book, this.deps.client, ready, await registrationsOf(all.filter(ready), this.deps.emdrIdOf));
    return wake;
  }

  private sweep(): void {
    const since = new Date(this.now().getTime() - this.settings.sweepDays * DAY_MS).toISOString();
    this.deps.queue.enqueueAll(this.deps.history.patientsSince(since), this.now());
    void this.drain();
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }
}
