// @vitest-environment happy-dom
import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PanelActions, PanelView } from '../../../../extension/overlay/record-panel.tsx';
import { SiteTools } from '../../../../extension/overlay/site-tools.tsx';

const view = (extra: Partial<PanelView>): PanelView => ({ title: 'Форма', state: 'ready', status: '', summary: [], issues: [], busy: false, ...extra });
const actions = (): PanelActions => ({
  onSignAndSend: vi.fn(), onShowField: vi.fn(), onOpenOptions: vi.fn(), onConfirmDetected: vi.fn(),
  onPickField: vi.fn(), onCancelPick: vi.fn(), onChooseKind: vi.fn(), onDisableSite: vi.fn(),
});
const kindSelect = () => document.querySelector<HTMLSelectElement>('[data-egisz-input="document-kind"]');

beforeEach(() => {
  document.body.innerHTML = '<div id="app"></div>';
});

describe('site tools: the kind of document a detected or mapped form makes', () => {
  it('offers the kinds the agent builds by their Russian names and reports the choice', () => {
    const act = actions();
    render(<SiteTools view={view({ kind: '119', kindEditable: true })} actions={act} />, document.getElementById('app')!);
    const select = kindSelect()!;
    expect([...select.options].map((o) => o.text)).toContain('Эпикриз по законченному случаю амбулаторный');
    expect(select.value).toBe('119');
    select.value = '42';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(act.onChooseKind).toHaveBeenCalledWith('42');
  });

  it('the mapper of a closed case offers visit fields for every row; a built-in profile’s kind is not offered for change', () => {
    render(<SiteTools view={view({ kind: '42' })} actions={actions()} />, document.getElementById('app')!);
    expect(kindSelect()).toBeNull();
    const offered = [...document.querySelectorAll<HTMLOptionElement>('[data-egisz-input="map-field"] option')].map((o) => o.value);
    expect(offered).toContain('ambulatoryCase.visits.*.date');
  });
});
