// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundRequest } from '../../../../extension/messaging/runtime-messages.ts';
import { PairingPage } from '../../../../extension/ui/pairing-page.tsx';

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector);

/** The element once it is rendered (vi.waitFor retries until this stops throwing). */
const rendered = <T extends Element>(selector: string) =>
  vi.waitFor(() => {
    const element = $<T>(selector);
    if (!element) throw new Error(`${selector} not rendered yet`);
    return element;
  });

function typeInto(selector: string, value: string): void {
  const input = $<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

let asked: BackgroundRequest[];

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="app"></div>';
  asked = [];
  let paired = false;
  fakeBrowser.runtime.onMessage.addListener((message: BackgroundRequest, _sender: unknown, sendResponse: (r: unknown) => void) => {
    asked.push(message);
    if (message.type === 'status') sendResponse({ ok: true, paired, port: 17346, link: paired ? 'unknown' : 'unpaired', jobs: [] });
    if (message.type === 'pair') {
      paired = message.code === '700-369';
      sendResponse(paired ? { ok: true, clientId: 'c1' } : { ok: false, code: 'AGENT_PAIRING_CODE_INVALID', message: 'Код сопряжения неверен' });
    }
    if (message.type === 'unpair') sendResponse({ ok: true });
    return true;
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
