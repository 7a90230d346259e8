// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundRequest } from '../../../../extension/messaging/runtime-messages.ts';
import { PairingPage } from '../../../../extension/ui/pairing-page.tsx';
import { $, fakeBackground, rendered } from '../../../support/extension-page.ts';

function typeInto(selector: string, value: string): void {
  const input = $<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

let asked: BackgroundRequest[];

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="app"></div>';
  let paired = false;
  asked = fakeBackground((message) => {
    if (message.type === 'status') return { ok: true, paired, port: 17346, link: paired ? 'unknown' : 'unpaired', jobs: [] };
    if (message.type === 'pair') {
      paired = message.code === '700-369';
      return paired ? { ok: true, clientId: 'c1' } : { ok: false, code: 'AGENT_PAIRING_CODE_INVALID', message: 'Код сопряжения неверен' };
    }
    return message.type === 'unpair' ? { ok: true } : undefined;
  });
});

afterEach(() => render(null, $('#app')!));

describe('PairingPage', () => {
  it('pairs with the port and code typed, then offers to unpair', async () => {
    render(<PairingPage />, $('#app')!);
    await vi.waitFor(() => expect($('[data-egisz-pairing="unpaired"]')).not.toBeNull());
    expect($<HTMLInputElement>('[data-egisz-input="agent-port"]')!.value).toBe('17346');
    typeInto('[data-egisz-input="agent-port"]', '18000');
    typeInto('[data-egisz-input="pairing-code"]', '000-000');
    (await rendered<HTMLButtonElement>('[data-egisz-action="pair"]:not([disabled])')).click();
    await vi.waitFor(() => expect($('[role="status"]')?.textContent).toBe('Код сопряжения неверен'));
    typeInto('[data-egisz-input="pairing-code"]', '700-369');
    (await rendered<HTMLButtonElement>('[data-egisz-action="pair"]:not([disabled])')).click();
    await vi.waitFor(() => expect($('[data-egisz-pairing="paired"]')).not.toBeNull());
    expect(asked.filter((m) => m.type === 'pair').at(-1)).toEqual({ type: 'pair', port: 18000, code: '700-369' });
    $<HTMLButtonElement>('[data-egisz-action="unpair"]')!.click();
    await vi.waitFor(() => expect($('[data-egisz-pairing="unpaired"]')).not.toBeNull());
  });

  it('refuses a port that is not a port, without asking the background', async () => {
    render(<PairingPage />, $('#app')!);
    await vi.waitFor(() => expect($('[data-egisz-pairing="unpaired"]')).not.toBeNull());
    typeInto('[data-egisz-input="agent-port"]', '99999');
    typeInto('[data-egisz-input="pairing-code"]', '700-369');
    (await rendered<HTMLButtonElement>('[data-egisz-action="pair"]:not([disabled])')).click();
    await vi.waitFor(() => expect($('[role="status"]')?.textContent).toMatch(/Порт/));
    expect(asked.some((m) => m.type === 'pair')).toBe(false);
  });
});
