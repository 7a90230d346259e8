/**
 * Helpers for unit tests of the extension's pages (happy-dom + WXT's fake
 * browser): find what is rendered, stand in for the background, type a PIN.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundRequest } from '../../extension/messaging/runtime-messages.ts';

export const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector);
export const $$ = (selector: string) => [...document.querySelectorAll(selector)];

/** The element once it is rendered (vi.waitFor retries until this stops throwing). */
export const rendered = <T extends Element>(selector: string) =>
  vi.waitFor(() => {
    const element = $<T>(selector);
    if (!element) throw new Error(`${selector} not rendered yet`);
    return element;
  });

const PUSHES: ReadonlySet<string> = new Set(['job-update', 'job-cancelled']);

/**
 * A stand-in background that answers each page request like the real one and
 * records what it was asked. Pushes a test triggers are not requests: they
 * are neither answered nor recorded.
 */
export function fakeBackground(answer: (message: BackgroundRequest) => unknown): BackgroundRequest[] {
  const asked: BackgroundRequest[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: BackgroundRequest, _sender: unknown, sendResponse: (r: unknown) => void) => {
    if (PUSHES.has(message.type)) return undefined;
    asked.push(message);
    sendResponse(answer(message));
    return true;
  });
  return asked;
}

/** Types a PIN into the confirm page's field once it is enabled, and presses the sign button. */
export async function submitPin(pin: string): Promise<void> {
  const field = await rendered<HTMLInputElement>('[data-egisz-input="pin"]:not([disabled])');
  field.value = pin;
  $<HTMLButtonElement>('[data-egisz-action="confirm"]')!.click();
}
