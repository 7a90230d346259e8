// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FormOverlay, type OverlayHooks } from '../../../../extension/overlay/form-overlay.ts';
import type { PanelView } from '../../../../extension/overlay/record-panel.tsx';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';

// The demo MIS's closed-case page: visits as rows of a table, and its own «Добавить посещение».
const page = readFileSync(resolve(import.meta.dirname, '../../../../agent/demo/mis/case.html'), 'utf8');
const body = /<body>([\s\S]*)<\/body>/.exec(page)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
const addVisit = new Function(`${/function misAddVisit\(\) \{[\s\S]*?\n  \}/.exec(page)![0]}; return misAddVisit;`)() as () => void;
const profile = builtinProfiles.find((p) => p.id === 'demo-mis-case')!;

/** Marks as plain elements right after their field; the panel's view. */
function hooks() {
  const panel: { view?: PanelView } = {};
  const overlayHooks: OverlayHooks = {
    async mountMark(field, doc) {
      const host = doc.createElement('egisz-mark');
      host.dataset.egiszField = field.path;
      field.element.after(host);
      return { host, render: () => undefined, remove: () => host.remove() };
    },
    async mountPanel(doc) {
      const host = doc.createElement('egisz-panel');
      doc.body.append(host);
      return { host, render: (view) => void (panel.view = view) };
    },
    send: vi.fn(async () => ({ ok: true })),
  };
  return { overlayHooks, panel };
}

const mark = (path: string) => document.querySelector<HTMLElement>(`[data-egisz-field="${path}"]`);
const flush = () => vi.advanceTimersByTimeAsync(300);
const input = (selector: string) => document.querySelector<HTMLInputElement>(selector)!;
/** A value typed (or chosen) as the user does: the page sees the event. */
function type(selector: string, value: string, event = 'input'): void {
  const field = document.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event(event, { bubbles: true }));
}
let abort: AbortController;

beforeEach(() => {
  document.body.innerHTML = body;
  for (const [selector, value] of [['#f_open', '19.11.2026'], ['#v1_date', '19.11.2026'], ['#f_close', '26.11.2026'], ['#v2_date', '26.11.2026']]) input(selector!).value = value!;
  abort = new AbortController();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], now: new Date('2026-11-26T10:00:00Z') });
});

afterEach(() => {
  abort.abort();
  vi.useRealTimers();
});

describe('FormOverlay on a table of visits', () => {
  it('marks each row’s cells in place, and a finding on the second row lands on the second row', async () => {
    const { overlayHooks, panel } = hooks();
    await new FormOverlay(document, profile, overlayHooks).start(abort.signal);
    expect(input('#v1_date').nextElementSibling).toBe(mark('ambulatoryCase.visits.0.date'));
    expect(document.querySelector('#v2_usl')!.nextElementSibling).toBe(mark('ambulatoryCase.visits.1.services.0'));
    expect(panel.view!.state).toBe('ready');
    type('#v2_date', '27.11.2026');
    await flush();
    expect(mark('ambulatoryCase.visits.1.date')!.dataset.egiszState).toBe('error');
    expect(mark('ambulatoryCase.visits.0.date')!.dataset.egiszState).toBe('ok');
    expect(panel.view!.state).toBe('invalid');
  });

  it('a row the page adds after load is read and marked; the empty row blocks until it is filled', async () => {
    const { overlayHooks, panel } = hooks();
    await new FormOverlay(document, profile, overlayHooks).start(abort.signal);
    await flush();
    expect(mark('ambulatoryCase.visits.2.date')).toBeNull();
    addVisit();
    await flush();
    expect(input('#v3_date').nextElementSibling).toBe(mark('ambulatoryCase.visits.2.date'));
    expect(mark('ambulatoryCase.visits.2.date')!.dataset.egiszState).toBe('error');
    expect(panel.view!.state).toBe('invalid');
    expect(panel.view!.summary).toContainEqual({ label: 'Посещений', value: '3' });
    type('#v3_date', '24.11.2026');
    type('#v3_usl', 'T02', 'change');
    type('#v3_text', 'Контрольный осмотр.');
    await flush();
    expect(mark('ambulatoryCase.visits.2.date')!.dataset.egiszState).toBe('ok');
    expect(mark('ambulatoryCase.visits.2.services.0')!.dataset.egiszState).toBe('ok');
    expect(panel.view!.state).toBe('ready');
  });
});
