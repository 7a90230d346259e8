// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignAndSendReply } from '../../../../extension/messaging/runtime-messages.ts';
import type { MarkView } from '../../../../extension/overlay/field-mark.tsx';
import { EDIT_DEBOUNCE_MS, FormOverlay, type OverlayHooks } from '../../../../extension/overlay/form-overlay.ts';
import { WATCH_INTERVAL_MS } from '../../../../extension/overlay/job-watch.ts';
import { REBIND_DELAY_MS } from '../../../../extension/overlay/form-watcher.ts';
import type { PanelActions, PanelView } from '../../../../extension/overlay/record-panel.tsx';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';

const page = readFileSync(resolve(import.meta.dirname, '../../../../agent/demo/mis/consultation.html'), 'utf8');
// The form only: the saved page's stylesheet and script stay out of the test.
const body = /<body>([\s\S]*)<\/body>/.exec(page)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
const profile = builtinProfiles[0]!;

/** Hooks that place plain elements where WXT would put shadow hosts, and remember what was rendered. */
function fakeHooks(reply: SignAndSendReply = { ok: true, jobId: 'j1' }, watched: unknown = undefined) {
  const markViews = new Map<string, MarkView>();
  const panel: { view?: PanelView; actions?: PanelActions; host?: HTMLElement } = {};
  const hooks: OverlayHooks = {
    async mountMark(field, doc) {
      const host = doc.createElement('egisz-mark');
      host.dataset.egiszField = field.path;
      field.element.after(host);
      return { host, render: (view) => markViews.set(field.path, view), remove: () => host.remove() };
    },
    async mountPanel(doc) {
      const host = doc.createElement('egisz-panel');
      doc.body.append(host);
      panel.host = host;
      return { host, render: (view, actions) => Object.assign(panel, { view, actions }) };
    },
    send: vi.fn(async (message) => (message.type === 'watch-job' ? watched : reply)),
  };
  return { hooks, markViews, panel };
}

const stateOf = (path: string): string | undefined =>
  document.querySelector<HTMLElement>(`[data-egisz-field="${path}"]`)?.dataset.egiszState;

function type(selector: string, value: string): void {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The visit is today, as the MIS itself fills it in (dd.mm.yyyy). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(now.getDate())}.${pad(now.getMonth() + 1)}.${now.getFullYear()}`;
}

let abort: AbortController;

beforeEach(() => {
  document.body.innerHTML = body;
  document.querySelector<HTMLInputElement>('#f_visit')!.value = today();
  abort = new AbortController();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(() => {
  abort.abort();
  vi.useRealTimers();
});

describe('FormOverlay on the demo MIS form', () => {
  it('puts a mark right after every recognised field, all ok, and a ready panel', async () => {
    const { hooks, panel } = fakeHooks();
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    expect(document.querySelector('#f_snils')!.nextElementSibling?.getAttribute('data-egisz-field')).toBe('patient.snils');
    expect(document.querySelector('#f_concl')!.nextElementSibling?.getAttribute('data-egisz-field')).toBe('encounter.conclusion');
    const states = [...document.querySelectorAll<HTMLElement>('[data-egisz-field]')].map((m) => m.dataset.egiszState);
    expect(states).toHaveLength(13);
    expect(new Set(states)).toEqual(new Set(['ok']));
    expect(panel.host!.dataset.egiszState).toBe('ready');
    expect(panel.view!.issues).toEqual([]);
  });

  it('draws one badge for the three practitioner names read from the header', async () => {
    const { hooks, markViews } = fakeHooks();
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    const visible = ['practitioner.lastName', 'practitioner.firstName', 'practitioner.middleName'].map((p) => markViews.get(p)!.visible);
    expect(visible).toEqual([true, false, false]);
  });

  it('flips a mistyped SNILS to error after the debounce, blocks the button, and leaves the input alone', async () => {
    const { hooks, panel, markViews } = fakeHooks();
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    type('#f_snils', '156-427-818 87');
    expect(stateOf('patient.snils')).toBe('ok');
    vi.advanceTimersByTime(EDIT_DEBOUNCE_MS);
    expect(stateOf('patient.snils')).toBe('error');
    expect(markViews.get('patient.snils')!.messages[0]).toMatch(/СНИЛС/);
    expect(panel.host!.dataset.egiszState).toBe('invalid');
    expect(panel.view!.issues.map((i) => i.path)).toEqual(['patient.snils']);
    expect(document.querySelector<HTMLInputElement>('#f_snils')!.value).toBe('156-427-818 87');
    type('#f_snils', '156-427-818 86');
    vi.advanceTimersByTime(EDIT_DEBOUNCE_MS);
    expect(stateOf('patient.snils')).toBe('ok');
    expect(panel.host!.dataset.egiszState).toBe('ready');
  });

  it('marks a cleared optional field empty and a cleared required one error', async () => {
    const { hooks } = fakeHooks();
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    type('#f_ot', '');
    type('#f_fam', '');
    vi.advanceTimersByTime(EDIT_DEBOUNCE_MS);
    expect(stateOf('patient.middleName')).toBe('empty');
    expect(stateOf('patient.lastName')).toBe('error');
  });

  it('sends the record, follows the job to registered and exposes the REMD number', async () => {
    const { hooks, panel } = fakeHooks();
    const overlay = new FormOverlay(document, profile, hooks);
    await overlay.start(abort.signal);
    panel.actions!.onSignAndSend();
    await vi.waitFor(() => expect(panel.host!.dataset.egiszState).toBe('signing'));
    expect(hooks.send).toHaveBeenCalledWith({ type: 'sign-and-send', record: expect.objectContaining({ document: { kind: '119' } }) });
    overlay.receive({ type: 'job-update', job: { jobId: 'j1', state: 'sending' } });
    expect(panel.host!.dataset.egiszState).toBe('sending');
    overlay.receive({ type: 'job-update', job: { jobId: 'j1', state: 'registered', emdrId: '77.119.26.11.000001' } });
    expect(panel.host!.dataset.egiszState).toBe('registered');
    expect(panel.host!.dataset.egiszRemdId).toBe('77.119.26.11.000001');
    expect(panel.view!.status).toBe('Документ зарегистрирован в РЭМД');
  });

  it('puts REMD rejection errors on their fields until the field is edited', async () => {
    const { hooks, panel } = fakeHooks();
    const overlay = new FormOverlay(document, profile, hooks);
    await overlay.start(abort.signal);
    panel.actions!.onSignAndSend();
    await vi.waitFor(() => expect(panel.host!.dataset.egiszState).toBe('signing'));
    overlay.receive({
      type: 'job-update',
      job: { jobId: 'j1', state: 'rejected', errors: [{ code: 'PATIENT_MPI_MISMATCH', message: 'СНИЛС не найден в РС ЕРЗЛ', path: 'patient.snils' }] },
    });
    expect(panel.host!.dataset.egiszState).toBe('rejected');
    expect(stateOf('patient.snils')).toBe('error');
    type('#f_snils', '112-233-445 95');
    vi.advanceTimersByTime(EDIT_DEBOUNCE_MS);
    expect(stateOf('patient.snils')).toBe('ok');
    expect(panel.host!.dataset.egiszState).toBe('ready');
  });

  it('keeps the agent\'s finding on a field when an event brings no new value (a blur on the way to the button)', async () => {
    const { hooks } = fakeHooks();
    const overlay = new FormOverlay(document, profile, hooks);
    await overlay.start(abort.signal);
    overlay.receive({
      type: 'job-update',
      job: { jobId: 'j1', state: 'rejected', errors: [{ code: 'PATIENT_MPI_MISMATCH', message: 'СНИЛС не найден в РС ЕРЗЛ', path: 'patient.snils' }] },
    });
    document.querySelector('#f_snils')!.dispatchEvent(new Event('change', { bubbles: true }));
    vi.advanceTimersByTime(EDIT_DEBOUNCE_MS);
    expect(stateOf('patient.snils')).toBe('error');
  });

  it('shows a refused prepare in the panel and its issues on the fields', async () => {
    const issues = [{ path: 'encounter.visitDate', code: 'VALIDATION_DATE_FUTURE', severity: 'error' as const, message: 'Дата приёма в будущем' }];
    const { hooks, panel } = fakeHooks({ ok: false, code: 'VALIDATION_FAILED', message: 'Исправьте отмеченные поля', issues });
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    panel.actions!.onSignAndSend();
    await vi.waitFor(() => expect(panel.view!.failure).toBe('Исправьте отмеченные поля'));
    expect(stateOf('encounter.visitDate')).toBe('error');
    expect(panel.host!.dataset.egiszState).toBe('invalid');
  });

  it('looks in on a running job every 20 s and catches up with a missed update', async () => {
    const { hooks, panel } = fakeHooks(undefined, { ok: true, job: { jobId: 'j1', state: 'registered', emdrId: 'E7' } });
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    panel.actions!.onSignAndSend();
    await vi.waitFor(() => expect(panel.host!.dataset.egiszState).toBe('signing'));
    vi.advanceTimersByTime(WATCH_INTERVAL_MS);
    expect(hooks.send).toHaveBeenLastCalledWith({ type: 'watch-job', jobId: 'j1' });
    await vi.waitFor(() => expect(panel.host!.dataset.egiszRemdId).toBe('E7'));
    vi.advanceTimersByTime(WATCH_INTERVAL_MS * 3);
    expect(vi.mocked(hooks.send).mock.calls.filter(([m]) => m.type === 'watch-job')).toHaveLength(1);
  });

  it('drops a job the background no longer knows', async () => {
    const { hooks, panel } = fakeHooks(undefined, { ok: false, code: 'AGENT_JOB_NOT_FOUND', message: 'нет' });
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    panel.actions!.onSignAndSend();
    await vi.waitFor(() => expect(panel.host!.dataset.egiszState).toBe('signing'));
    vi.advanceTimersByTime(WATCH_INTERVAL_MS);
    await vi.waitFor(() => expect(panel.host!.dataset.egiszState).toBe('ready'));
  });

  it('offers the pairing settings when the agent does not know this browser', async () => {
    const { hooks, panel } = fakeHooks({ ok: false, code: 'AGENT_NOT_PAIRED', message: 'Расширение не сопряжено с агентом' });
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    panel.actions!.onSignAndSend();
    await vi.waitFor(() => expect(panel.view!.needsPairing).toBe(true));
    expect(panel.host!.dataset.egiszState).toBe('ready');
    panel.actions!.onOpenOptions();
    expect(hooks.send).toHaveBeenLastCalledWith({ type: 'open-options' });
  });

  it('binds again when the page re-renders a field, and not for its own marks', async () => {
    const { hooks } = fakeHooks();
    const mounted = vi.spyOn(hooks, 'mountMark');
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    await Promise.resolve();
    vi.advanceTimersByTime(REBIND_DELAY_MS);
    expect(mounted).toHaveBeenCalledTimes(13);

    const fresh = document.createElement('input');
    fresh.id = 'f_snils';
    fresh.value = '156-427-818 87';
    document.querySelector('#f_snils')!.replaceWith(fresh);
    await Promise.resolve();
    vi.advanceTimersByTime(REBIND_DELAY_MS);
    await vi.waitFor(() => expect(stateOf('patient.snils')).toBe('error'));
    expect(fresh.nextElementSibling?.getAttribute('data-egisz-field')).toBe('patient.snils');
    expect(document.querySelectorAll('[data-egisz-field]')).toHaveLength(13);
  });

  it('takes up a value a page script set without events, after the next click', async () => {
    const { hooks } = fakeHooks();
    const mounted = vi.spyOn(hooks, 'mountMark');
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    document.querySelector<HTMLInputElement>('#f_snils')!.value = '156-427-818 87';
    document.querySelector<HTMLButtonElement>('button[type="submit"]')!.dispatchEvent(new Event('click', { bubbles: true }));
    vi.advanceTimersByTime(REBIND_DELAY_MS);
    await vi.waitFor(() => expect(stateOf('patient.snils')).toBe('error'));
    expect(mounted).toHaveBeenCalledTimes(13);
  });

  it('ignores edits once stopped', async () => {
    const { hooks } = fakeHooks();
    await new FormOverlay(document, profile, hooks).start(abort.signal);
    abort.abort();
    type('#f_snils', '1');
    vi.advanceTimersByTime(EDIT_DEBOUNCE_MS);
    expect(stateOf('patient.snils')).toBe('ok');
  });
});
