// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Failure } from '../../../../extension/messaging/runtime-messages.ts';
import { PinForm } from '../../../../extension/ui/pin-form.tsx';
import { $, rendered, submitPin } from '../../../support/extension-page.ts';

type Outcome = { ok: true } | Failure;

/** A sign function the test answers by hand, so the form can be seen while it waits. */
function pendingSign() {
  const calls: { pin: string; answer: (outcome: Outcome) => void }[] = [];
  const sign = vi.fn((pin: string) => new Promise<Outcome>((answer) => calls.push({ pin, answer })));
  return { sign, calls };
}

const confirmButton = () => $<HTMLButtonElement>('[data-egisz-action="confirm"]')!;

beforeEach(() => {
  document.body.innerHTML = '<div id="app"></div>';
});

afterEach(() => render(null, $('#app')!));

describe('PinForm', () => {
  it('asks for a PIN instead of signing with an empty one', async () => {
    const { sign } = pendingSign();
    render(<PinForm label="PIN-код токена" submitLabel="Подписать" sign={sign} onCancel={() => undefined} />, $('#app')!);
    confirmButton().click();
    await vi.waitFor(() => expect($('[role="alert"]')?.textContent).toBe('Введите PIN-код токена'));
    expect(sign).not.toHaveBeenCalled();
  });

  it('hands the PIN over once, clears it and locks the form until the answer', async () => {
    const { sign, calls } = pendingSign();
    render(<PinForm label="PIN-код токена" submitLabel="Подписать все (2)" sign={sign} onCancel={() => undefined} />, $('#app')!);
    expect(confirmButton().textContent).toBe('Подписать все (2)');
    await submitPin('1234');
    expect(calls.map((c) => c.pin)).toEqual(['1234']);
    expect($<HTMLInputElement>('[data-egisz-input="pin"]')!.value).toBe('');
    await vi.waitFor(() => expect(confirmButton().textContent).toBe('Подписание…'));
    expect([...document.querySelectorAll('input, button')].every((e) => (e as HTMLInputElement).disabled)).toBe(true);

    calls[0]!.answer({ ok: false, code: 'TOKEN_PIN_INCORRECT', message: 'Неверный PIN-код' });
    await vi.waitFor(() => expect($('[role="alert"]')?.textContent).toBe('Неверный PIN-код'));
    expect(confirmButton().disabled).toBe(false);
    await submitPin('5678');
    await vi.waitFor(() => expect($('[role="alert"]')).toBeNull());
    calls[1]!.answer({ ok: true });
    await vi.waitFor(() => expect(confirmButton().textContent).toBe('Подписать все (2)'));
    expect($('[role="alert"]')).toBeNull();
  });

  it('cancels through the page', async () => {
    const onCancel = vi.fn();
    render(<PinForm label="PIN-код токена" submitLabel="Подписать" sign={pendingSign().sign} onCancel={onCancel} />, $('#app')!);
    (await rendered<HTMLButtonElement>('button[type="button"]')).click();
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
