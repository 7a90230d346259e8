/**
 * The overlay on one recognised MIS form: scrape → validate → mark every
 * field → panel, again after each edit, and the job's progress from the
 * background. It reads the page and never writes to the page's own inputs.
 */
import type { DraftRecord } from '../../shared/domain/record.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import { validateRecord } from '../../shared/validate/validate-record.ts';
import type { BackgroundPush, ContentToBackground, JobView, SignAndSendReply } from '../messaging/runtime-messages.ts';
import { getRecordValue } from '../scrape/record-path.ts';
import { applyRule, scrapeRecord, type BoundField, type ScrapeResult } from '../scrape/scrape-record.ts';
import type { SiteProfile } from '../scrape/site-profile.ts';
import type { MarkView } from './field-mark.tsx';
import { pageIssues, remdIssues } from './field-state.ts';
import { watchForm } from './form-watcher.ts';
import { FINAL_STATES, JobWatch } from './job-watch.ts';
import { markViews, panelView } from './overlay-views.ts';
import type { PanelActions, PanelView } from './record-panel.tsx';

export interface MarkHost {
  host: HTMLElement;
  render(view: MarkView): void;
  remove(): void;
}

export interface PanelHost {
  host: HTMLElement;
  render(view: PanelView, actions: PanelActions): void;
}

/** What the overlay needs from its surroundings; the content script passes WXT shadow roots and runtime messaging. */
export interface OverlayHooks {
  mountMark(field: BoundField, doc: Document): Promise<MarkHost>;
  mountPanel(doc: Document): Promise<PanelHost>;
  /** Runtime messaging to the background; the reply type follows the message type. */
  send(message: ContentToBackground): Promise<unknown>;
}

/** Typing pauses this long before a field is read and validated again. */
export const EDIT_DEBOUNCE_MS = 150;

export class FormOverlay {
  private record: DraftRecord = {};
  private fields: BoundField[] = [];
  private marks: MarkHost[] = [];
  private panel: PanelHost | undefined;
  private issues: Issue[] = [];
  /** Findings from the agent or REMD, kept until their field is edited. */
  private remote: Issue[] = [];
  private job: JobView | undefined;
  private failure: { code: string; message: string } | undefined;
  private busy = false;
  private readonly timers = new Map<Element, ReturnType<typeof setTimeout>>();
  private readonly watch: JobWatch;
  /** Rebinds run one at a time: mounting marks is async and bursts may overlap. */
  private binding: Promise<void> = Promise.resolve();
  private readonly doc: Document;
  private readonly profile: SiteProfile;
  private readonly hooks: OverlayHooks;

  constructor(doc: Document, profile: SiteProfile, hooks: OverlayHooks) {
    this.doc = doc;
    this.profile = profile;
    this.hooks = hooks;
    this.watch = new JobWatch(hooks.send, (push) => this.receive(push));
  }

  async start(signal: AbortSignal): Promise<void> {
    await this.bind(scrapeRecord(this.doc, this.profile));
    this.panel = await this.hooks.mountPanel(this.doc);
    watchForm(this.doc, () => (this.binding = this.binding.then(() => this.rebind())), signal);
    const onEdit = (event: Event): void => this.fieldEdited(event.target);
    this.doc.addEventListener('input', onEdit, { capture: true, signal });
    this.doc.addEventListener('change', onEdit, { capture: true, signal });
    signal.addEventListener('abort', () => {
      this.timers.forEach((timer) => clearTimeout(timer));
      this.watch.stop();
    });
    this.evaluate();
  }

  private async bind({ record, fields }: ScrapeResult): Promise<void> {
    this.marks.forEach((mark) => mark.remove());
    this.record = record;
    this.fields = fields;
    this.marks = [];
    // One after another, so marks sharing an element stand in profile order.
    for (const field of fields) this.marks.push(await this.hooks.mountMark(field, this.doc));
  }

  /**
   * After the page may have changed: bind again when fields came, went or were
   * replaced; otherwise only take up values a page script set without events.
   */
  private async rebind(): Promise<void> {
    const scraped = scrapeRecord(this.doc, this.profile);
    const same =
      scraped.fields.length === this.fields.length &&
      scraped.fields.every((field, i) => field.element === this.fields[i]?.element && field.path === this.fields[i]?.path);
    if (same) {
      const changed = this.fields.filter((f) => getRecordValue(scraped.record, f.path) !== getRecordValue(this.record, f.path));
      if (changed.length === 0) return;
      this.record = scraped.record;
      this.forgetStale(changed.map((field) => field.path));
    } else {
      await this.bind(scraped);
    }
    this.evaluate();
  }

  /** A message from the background about this tab's job. */
  receive(push: BackgroundPush): void {
    if (push.type === 'job-cancelled') {
      if (this.job?.jobId === push.jobId) this.job = undefined;
    } else if (!this.job || this.job.jobId === push.job.jobId || FINAL_STATES.has(this.job.state)) {
      this.job = push.job;
      if (push.job.errors?.length) this.remote = remdIssues(push.job.errors);
    }
    this.render();
  }

  private fieldEdited(target: EventTarget | null): void {
    const element = target as Element | null;
    if (!element || !this.fields.some((field) => field.element === element)) return;
    clearTimeout(this.timers.get(element));
    this.timers.set(element, setTimeout(() => this.reread(element), EDIT_DEBOUNCE_MS));
  }

  private reread(element: Element): void {
    this.timers.delete(element);
    const bound = this.fields.filter((field) => field.element === element);
    const [first] = bound;
    if (!first) return;
    applyRule(this.record, first.rule, element);
    this.forgetStale(bound.map((field) => field.path));
    this.evaluate();
  }

  /** Edited fields lose the agent's findings about them, and an edited document is a new one. */
  private forgetStale(paths: readonly string[]): void {
    this.remote = this.remote.filter((issue) => !paths.includes(issue.path));
    if (this.job && FINAL_STATES.has(this.job.state)) this.job = undefined;
  }

  private evaluate(): void {
    this.issues = pageIssues(validateRecord(this.record), this.profile);
    this.render();
  }

  private render(): void {
    this.watch.follow(this.job);
    const findings = [...this.issues, ...this.remote];
    markViews(this.fields, findings, this.record).forEach(({ state, view }, i) => {
      const mark = this.marks[i];
      if (!mark) return;
      mark.host.dataset.egiszState = state;
      mark.render(view);
    });
    if (!this.panel) return;
    const view = panelView({ title: this.profile.title, record: this.record, findings, job: this.job, failure: this.failure, busy: this.busy });
    this.panel.host.dataset.egiszState = view.state;
    if (view.emdrId) this.panel.host.dataset.egiszRemdId = view.emdrId;
    else delete this.panel.host.dataset.egiszRemdId;
    this.panel.render(view, {
      onSignAndSend: () => void this.signAndSend(),
      onShowField: (path) => this.showField(path),
      onOpenOptions: () => void this.hooks.send({ type: 'open-options' }).catch(() => undefined),
    });
  }

  private async signAndSend(): Promise<void> {
    this.busy = true;
    this.failure = undefined;
    this.render();
    const reply = (await this.hooks.send({ type: 'sign-and-send', record: this.record }).catch(() => undefined)) as
      | SignAndSendReply
      | undefined;
    this.busy = false;
    if (reply?.ok) {
      this.job = { jobId: reply.jobId, state: 'prepared' };
    } else {
      this.failure = reply ?? { code: 'EXTENSION_INTERNAL', message: 'Расширение не отвечает. Обновите страницу и повторите.' };
      this.remote = reply?.issues ?? [];
    }
    this.render();
  }

  private showField(path: string): void {
    const element = this.fields.find((field) => field.path === path)?.element;
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (element instanceof HTMLElement) element.focus({ preventScroll: true });
  }
}
