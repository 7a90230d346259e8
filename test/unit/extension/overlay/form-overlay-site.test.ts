// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarkView } from '../../../../extension/overlay/field-mark.tsx';
import { FormOverlay, type OverlayHooks } from '../../../../extension/overlay/form-overlay.ts';
import type { PanelActions, PanelView } from '../../../../extension/overlay/record-panel.tsx';
import { detectFields } from '../../../../extension/scrape/detect-fields.ts';
import type { SiteProfile } from '../../../../extension/scrape/site-profile.ts';

// The demo MIS's talon page: no profile, inputs labelled only by the text next to them.
const page = readFileSync(resolve(import.meta.dirname, '../../../../agent/demo/mis/talon.html'), 'utf8');
const body = /<body>([\s\S]*)<\/body>/.exec(page)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');

/** Plain elements where WXT would put shadow hosts; remembers views, fix callbacks and saved profiles. */
function fakeHooks() {
  const marks = new Map<string, { view?: MarkView; onFix?: () => void }>();
  const panel: { view?: PanelView; actions?: PanelActions } = {};
  const saved: SiteProfile[] = [];
  const hooks: OverlayHooks = {
    async mountMark(field, doc) {
      const host = doc.createElement('egisz-mark');
      host.dataset.egiszField = field.path;
      field.element.after(host);
      return { host, render: (view, onFix) => marks.set(field.path, { view, onFix }), remove: () => host.remove() };
    },
    async mountPanel(doc) {
      const host = doc.createElement('egisz-panel');
      doc.body.append(host);
      return { host, render: (view, actions) => Object.assign(panel, { view, actions }) };
    },
    send: vi.fn(async () => ({ ok: true })),
    saveProfile: vi.fn(async (profile: SiteProfile) => void saved.push(profile)),
  };
  return { hooks, marks, panel, saved };
}

const stateOf = (path: string) => document.querySelector<HTMLElement>(`[data-egisz-field="${path}"]`)?.dataset.egiszState;
const flush = () => vi.advanceTimersByTimeAsync(300);
let abort: AbortController;

beforeEach(() => {
  document.body.innerHTML = body;
  document.querySelector<HTMLInputElement>('.i6')!.value = '26.11.2026';
  abort = new AbortController();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], now: new Date('2026-11-26T10:00:00Z') });
});

afterEach(() => {
  abort.abort();
  vi.useRealTimers();
});

async function start() {
  const fake = fakeHooks();
  const profile = detectFields([document], new URL(location.href)).profile;
  const overlay = new FormOverlay(document, profile, fake.hooks);
  await overlay.start(abort.signal);
  return { ...fake, overlay };
}

describe('FormOverlay on a page known only by detection', () => {
  it('shows what was found with its confidence; confirming saves it as the site’s user profile', async () => {
    const { panel, saved, overlay } = await start();
    expect(panel.view!.detected!.map((d) => d.paths[0])).toContain('patient.snils');
    expect(panel.view!.detected!.every((d) => d.confidence >= 0.5 && d.found)).toBe(true);
    panel.actions!.onConfirmDetected();
    await flush();
    expect(saved[0]).toMatchObject({ origin: 'user', id: expect.stringMatching(/^user:/) });
    expect(overlay.currentProfile.origin).toBe('user');
    expect(panel.view!.detected).toBeUndefined();
  });

  it('the mapper: the next click names the field, it is saved and marked', async () => {
    const { panel, saved } = await start();
    expect(stateOf('practitioner.snils')).toBeUndefined();
    panel.actions!.onPickField('practitioner.snils');
    expect(panel.view!.picking).toBe('practitioner.snils');
    document.querySelector('b.who')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    await flush();
    expect(saved.at(-1)!.fields.some((rule) => rule.paths.includes('practitioner.snils'))).toBe(true);
    expect(stateOf('practitioner.snils')).toBe('ok');
    expect(panel.view!.picking).toBeUndefined();
  });

  it('the user names the kind of document the form makes: saved into the user profile, the form read again as that kind', async () => {
    const { panel, saved, overlay, hooks } = await start();
    expect(panel.view!).toMatchObject({ kind: '119', kindEditable: true });
    panel.actions!.onChooseKind('42');
    await flush();
    expect(saved.at(-1)).toMatchObject({ origin: 'user', kind: '42', id: expect.stringMatching(/^user:/) });
    expect(overlay.currentProfile.kind).toBe('42');
    expect(panel.view!.kind).toBe('42');
    panel.actions!.onSignAndSend();
    await flush();
    expect(hooks.send).toHaveBeenCalledWith({ type: 'sign-and-send', record: expect.objectContaining({ document: { kind: '42' } }) });
  });

  it('«Исправить» writes the formatted SNILS into the page field; nothing is written without it', async () => {
    const { marks } = await start();
    const input = document.querySelector<HTMLInputElement>('.i1')!;
    expect(input.value).toBe('15642781886');
    const snils = marks.get('patient.snils')!;
    expect(snils.view!.fix).toBe('156-427-818 86');
    snils.onFix!();
    expect(input.value).toBe('156-427-818 86');
    await flush();
    expect(marks.get('patient.snils')!.view!.fix).toBeUndefined();
  });

  it('speaks of dates the way the form writes them', async () => {
    const { marks } = await start();
    const birth = document.querySelector<HTMLInputElement>('.i3')!;
    birth.value = '30.02.1980';
    birth.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    expect(stateOf('patient.birthDate')).toBe('error');
    const message = marks.get('patient.birthDate')!.view!.messages.join(' ');
    expect(message).toContain('ДД.ММ.ГГГГ');
    expect(message).toContain('30.02.1980');
    expect(message).not.toContain('1980-02-30');
  });
});
