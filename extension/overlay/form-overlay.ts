/**
 * The overlay on one recognised MIS form: scrape → validate → mark every
 * field → panel, again after each edit, and the job's progress from the
 * background. The form may span the tab's same-origin frames. It reads the
 * page and writes to the page's inputs only on the user's «Исправить».
 */
import type { DraftRecord } from '../../shared/domain/record.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import { validateRecord } from '../../shared/validate/validate-record.ts';
import type { BackgroundPush, ContentToBackground, JobView, SignAndSendReply } from '../messaging/runtime-messages.ts';
import { getRecordValue, sameValue } from '../scrape/record-path.ts';
import { applyRule, scrapeRecord, type BoundField, type ScrapeResult } from '../scrape/scrape-record.ts';
import type { DocumentKind, SiteProfile } from '../scrape/site-profile.ts';
import { withKind, withPickedField } from '../scrape/profile-editor.ts';
import type { MarkView } from './field-mark.tsx';
import { concerns, pageIssues, remdIssues } from './field-state.ts';
import { formDatePattern, suggestedFix, writeValue } from './form-display.ts';
import { watchForm } from './form-watcher.ts';
import { FINAL_STATES, JobWatch } from './job-watch.ts';
import { markViews, panelView } from './overlay-views.ts';
import { pickElement } from './pick-element.ts';
import type { PanelActions, PanelView } from './record-panel.tsx';

export interface MarkHost {
  host: HTMLElement;
  render(view: MarkView, onFix?: () => void): void;
  remove(): void;
}

export interface PanelHost {
  host: HTMLElement;
  render(view: PanelView, actions: PanelActions): void;
}

/** What the overlay needs from its surroundings; the content script passes WXT shadow roots, storage and runtime messaging. */
export interface OverlayHooks {
  mountMark(field: BoundField, doc: Document): Promise<MarkHost>;
  mountPanel(doc: Document): Promise<PanelHost>;
  /** Runtime messaging to the background; the reply type follows the message type. */
  send(message: ContentToBackground): Promise<unknown>;
  /** Keeps a profile the user confirmed or made with the mapper. */
  saveProfile?(profile: SiteProfile): Promise<void>;
  /** The user turned the extension off for this site: the overlay goes away. */
  disableSite?(): Promise<void>;
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
  /** The record path the mapper waits for a click for. */
  private picking: string | undefined;
  private pickAbort: AbortController | undefined;
  private readonly timers = new Map<Element, ReturnType<typeof setTimeout>>();
  private readonly watched = new WeakSet<Document>();
  private readonly watch: JobWatch;
  /** Rebinds run one at a time: mounting marks is async and bursts may overlap. */
  private binding: Promise<void> = Promise.resolve();
  private signal: AbortSignal = new AbortController().signal;
  private readonly docs: () => Document[];
  private profile: SiteProfile;
  private readonly hooks: OverlayHooks;

  constructor(source: Document | (() => Document[]), profile: SiteProfile, hooks: OverlayHooks) {
    this.docs = typeof source === 'function' ? source : () => [source];
    this.profile = profile;
    this.hooks = hooks;
    this.watch = new JobWatch(hooks.send, (push) => this.receive(push));
  }

  async start(signal: AbortSignal): Promise<void> {
    this.signal = signal;
    await (this.binding = this.bind(scrapeRecord(this.docs(), this.profile)));
    this.panel = await this.hooks.mountPanel(this.panelDocument());
    this.watchDocuments();
    // The page may have rendered its form while the marks and the panel were mounting.
    this.rebindSoon();
    signal.addEventListener('abort', () => {
      this.timers.forEach((timer) => clearTimeout(timer));
      this.watch.stop();
      this.pickAbort?.abort();
    });
    this.evaluate();
  }

  /** The profile changed (confirmed, mapped, imported): read the form again with it. */
  async useProfile(profile: SiteProfile): Promise<void> {
    this.profile = profile;
    await (this.binding = this.binding.then(() => this.bind(scrapeRecord(this.docs(), profile))));
    this.evaluate();
  }

  get currentProfile(): SiteProfile {
    return this.profile;
  }

  /** Every document of the form gets the watcher and the edit listeners, frames that appear later too. */
  private watchDocuments(): void {
    for (const doc of this.docs()) {
      if (this.watched.has(doc) || !doc.body) continue;
      this.watched.add(doc);
      watchForm(doc, () => this.rebindSoon(), this.signal);
      const onEdit = (event: Event): void => this.fieldEdited(event.target);
      doc.addEventListener('input', onEdit, { capture: true, signal: this.signal });
      doc.addEventListener('change', onEdit, { capture: true, signal: this.signal });
      // A frame that loads another page (a legacy MIS menu opening a form) brings a new document to read.
      const onFrameLoad = (event: Event): void => {
        if ((event.target as Element | null)?.localName?.endsWith('frame')) this.rebindSoon();
      };
      doc.addEventListener('load', onFrameLoad, { capture: true, signal: this.signal });
    }
  }

  private rebindSoon(): void {
    this.binding = this.binding.then(() => this.rebind());
  }

  /** The panel goes into the top page; a frameset has no body, so then into the frame holding most fields. */
  private panelDocument(): Document {
    const docs = this.docs();
    const hasBody = (doc: Document): boolean => doc.body !== null && doc.body.localName !== 'frameset';
    if (hasBody(docs[0]!)) return docs[0]!;
    const count = (doc: Document): number => this.fields.filter((field) => field.element.ownerDocument === doc).length;
    const framed = docs.filter(hasBody).sort((a, b) => count(b) - count(a));
    return framed[0] ?? docs[0]!;
  }

  private async bind({ record, fields }: ScrapeResult): Promise<void> {
    this.marks.forEach((mark) => mark.remove());
    this.record = record;
    this.fields = fields;
    this.marks = [];
    // One after another, so marks sharing an element stand in profile order.
    for (const field of fields) this.marks.push(await this.hooks.mountMark(field, field.element.ownerDocument));
  }

  /**
   * After the page may have changed: bind again when fields came, went or were
   * replaced; otherwise only take up values a page script set without events.
   */
  private async rebind(): Promise<void> {
    this.watchDocuments();
    const scraped = scrapeRecord(this.docs(), this.profile);
    const same =
      scraped.fields.length === this.fields.length &&
      scraped.fields.every((field, i) => field.element === this.fields[i]?.element && field.path === this.fields[i]?.path);
    if (same) {
      const changed = this.fields.filter((f) => !sameValue(getRecordValue(scraped.record, f.path), getRecordValue(this.record, f.path)));
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

  /** Re-reads and re-validates one edited element: the cheap path while the user types. */
  reread(element: Element): void {
    this.timers.delete(element);
    const bound = this.fields.filter((field) => field.element === element);
    const [first] = bound;
    if (!first) return;
    // A snapshot, since applyRule may change nested values in place.
    const before = bound.map((field) => JSON.stringify(getRecordValue(this.record, field.path)) ?? '');
    applyRule(this.record, first);
    // A blur or a repeated event without a new value keeps the agent's findings on the field.
    const changed = bound.filter((field, i) => (JSON.stringify(getRecordValue(this.record, field.path)) ?? '') !== before[i]);
    if (changed.length > 0) this.forgetStale(changed.map((field) => field.path));
    this.evaluate();
  }

  /** Edited fields lose the agent's findings about them, and an edited document is a new one. */
  private forgetStale(paths: readonly string[]): void {
    this.remote = this.remote.filter((issue) => !paths.some((path) => concerns(issue, path)));
    if (this.job && FINAL_STATES.has(this.job.state)) this.job = undefined;
  }

  private evaluate(): void {
    this.issues = pageIssues(validateRecord(this.record), this.profile);
    this.render();
  }

  private render(): void {
    this.watch.follow(this.job);
    const findings = [...this.issues, ...this.remote];
    const pattern = formDatePattern(this.profile);
    markViews(this.fields, findings, this.record, pattern).forEach(({ state, view }, i) => {
      const mark = this.marks[i];
      const field = this.fields[i];
      if (!mark || !field) return;
      mark.host.dataset.egiszState = state;
      mark.render(view, view.fix ? () => this.fix(field) : undefined);
    });
    if (!this.panel) return;
    const base = panelView({ title: this.profile.title, pattern, record: this.record, findings, job: this.job, failure: this.failure, busy: this.busy });
    const kind = this.profile.kind ?? this.profile.constants['document.kind'];
    const kindEditable = this.profile.origin === 'detected' || this.profile.origin === 'user';
    const view: PanelView = { ...base, detected: this.detectedView(), picking: this.picking, kind: typeof kind === 'string' ? kind : undefined, kindEditable };
    this.panel.host.dataset.egiszState = view.state;
    if (view.emdrId) this.panel.host.dataset.egiszRemdId = view.emdrId;
    else delete this.panel.host.dataset.egiszRemdId;
    this.panel.render(view, this.actions());
  }

  private actions(): PanelActions {
    return {
      onSignAndSend: () => void this.signAndSend(),
      onShowField: (path) => this.showField(path),
      onOpenOptions: () => void this.hooks.send({ type: 'open-options' }).catch(() => undefined),
      onConfirmDetected: () => void this.confirmDetected(),
      onPickField: (path) => void this.pickField(path),
      onCancelPick: () => this.pickAbort?.abort(),
      onChooseKind: (kind) => void this.chooseKind(kind),
      onDisableSite: () => void this.hooks.disableSite?.(),
    };
  }

  /** For a detected profile, what was found and how sure detection was. */
  private detectedView(): PanelView['detected'] {
    if (this.profile.origin !== 'detected') return undefined;
    return this.profile.fields.map((rule) => ({ paths: rule.paths, confidence: rule.confidence ?? 1, found: this.fields.some((f) => f.rule === rule) }));
  }

  private async confirmDetected(): Promise<void> {
    const confirmed: SiteProfile = { ...this.profile, id: this.profile.id.replace(/^detected:/, 'user:'), origin: 'user' };
    await this.hooks.saveProfile?.(confirmed);
    await this.useProfile(confirmed);
  }

  /** The mapper: the next click on the page names the element for `path`; saved into the site's user profile. */
  private async pickField(path: string): Promise<void> {
    this.pickAbort?.abort();
    const abort = (this.pickAbort = new AbortController());
    this.picking = path;
    this.render();
    const element = await pickElement(this.docs(), abort.signal).catch(() => undefined);
    this.picking = undefined;
    if (!element) return this.render();
    const profile = withPickedField(this.profile, path, element);
    await this.hooks.saveProfile?.(profile);
    await this.useProfile(profile);
  }

  /** The user said which kind of document the form makes: kept in the site's user profile, the form read again as that kind. */
  private async chooseKind(kind: DocumentKind): Promise<void> {
    const profile = withKind(this.profile, kind, this.docs()[0]!.location);
    await this.hooks.saveProfile?.(profile);
    await this.useProfile(profile);
  }

  private fix(field: BoundField): void {
    const value = suggestedFix(field);
    const element = field.element as HTMLInputElement;
    if (value === undefined) return;
    writeValue(element, value);
    this.reread(element);
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
    else (element as HTMLElement | undefined)?.focus?.({ preventScroll: true });
  }
}
