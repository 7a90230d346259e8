// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundRequest } from '../../../../extension/messaging/runtime-messages.ts';
import { portFromHash } from '../../../../extension/ui/options-link.ts';
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

  it('takes the agent\'s port from its address (options.html#port=N), over the stored one', async () => {
    render(<PairingPage hash="#port=18000" />, $('#app')!);
    await vi.waitFor(() => expect($('[data-egisz-pairing="unpaired"]')).not.toBeNull());
    expect($<HTMLInputElement>('[data-egisz-input="agent-port"]')!.value).toBe('18000');
    expect($('[role="status"]')).toBeNull();
    typeInto('[data-egisz-input="pairing-code"]', '700-369');
    (await rendered<HTMLButtonElement>('[data-egisz-action="pair"]:not([disabled])')).click();
    await vi.waitFor(() => expect($('[data-egisz-pairing="paired"]')).not.toBeNull());
    expect(asked).toContainEqual({ type: 'pair', port: 18000, code: '700-369' });
  });

  it('says in Russian when the address names no TCP port, and keeps the stored one', async () => {
    render(<PairingPage hash="#port=99999" />, $('#app')!);
    await vi.waitFor(() => expect($('[data-egisz-pairing="unpaired"]')).not.toBeNull());
    expect($<HTMLInputElement>('[data-egisz-input="agent-port"]')!.value).toBe('17346');
    expect($('[role="status"]')!.textContent).toContain('В адресе страницы неверный порт агента');
  });
});

describe('portFromHash', () => {
  it('reads #port=N and refuses what is no TCP port', () => {
    expect(portFromHash('#port=17350')).toBe(17350);
    expect(portFromHash('port=1')).toBe(1);
    expect(portFromHash('')).toBeUndefined();
    expect(portFromHash('#other=1')).toBeUndefined();
    for (const bad of ['#port=0', '#port=65536', '#port=18000.5', '#port=-1', '#port=', '#port=1e3', '#port=abc']) expect(portFromHash(bad)).toBe('invalid');
  });
});
