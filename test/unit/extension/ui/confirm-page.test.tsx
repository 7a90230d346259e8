// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { JobDetailsReply } from '../../../../extension/messaging/runtime-messages.ts';
import { ConfirmPage } from '../../../../extension/ui/confirm-page.tsx';
import { $, fakeBackground, rendered, submitPin } from '../../../support/extension-page.ts';

const details: JobDetailsReply = {
  ok: true,
  job: { jobId: 'j1', state: 'prepared' },
  preview: { title: 'Протокол консультации', html: '<h1>Протокол</h1><script>parent.alert(1)</script>', digest: 'ab'.repeat(32), kind: '119' },
  certificate: {
    owner: 'Иванова Мария Петровна',
    snils: '11223344595',
    issuer: 'Демо УЦ',
    notBefore: '2026-11-25T00:00:00Z',
    notAfter: '2027-11-25T00:00:00Z',
    fingerprint: 'cd'.repeat(32),
    warnings: [{ path: '', code: 'CERT_EXPIRES_SOON', severity: 'warning', message: 'Сертификат скоро истекает' }],
  },
  issues: [
    { path: '', code: 'CERT_EXPIRES_SOON', severity: 'warning', message: 'Сертификат скоро истекает' },
    { path: 'patient.snils', code: 'PREFLIGHT_GIP', severity: 'warning', message: 'Пациент не найден в ГИП' },
  ],
};

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="app"></div>';
});

afterEach(() => render(null, $('#app')!));

describe('ConfirmPage', () => {
  it('shows the preview in a fully sandboxed frame, the digest and the certificate', async () => {
    fakeBackground(() => details);
    render(<ConfirmPage jobId="j1" />, $('#app')!);
    const frame = await rendered<HTMLIFrameElement>('iframe');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(details.ok ? details.preview.html : '');
    expect(document.body.textContent).toContain('abab abab');
    expect(document.body.textContent).toContain('112-233-445 95');
    expect(document.body.textContent).toContain('с 25.11.2026 по 25.11.2027');
    expect(document.body.textContent?.split('Сертификат скоро истекает')).toHaveLength(2);
    expect(document.body.textContent).toContain('Пациент не найден в ГИП');
    const pin = $<HTMLInputElement>('[data-egisz-input="pin"]')!;
    expect([pin.type, pin.getAttribute('autocomplete')]).toEqual(['password', 'off']);
  });

  it('sends the PIN once, clears the field, and lets the user retry after a wrong PIN', async () => {
    let attempt = 0;
    const asked = fakeBackground((message) => {
      if (message.type === 'job-details') return details;
      attempt += 1;
      return attempt === 1
        ? { ok: false, code: 'TOKEN_PIN_INCORRECT', message: 'Неверный PIN-код' }
        : { ok: true, job: { jobId: 'j1', state: 'sending' } };
    });
    render(<ConfirmPage jobId="j1" />, $('#app')!);
    await submitPin('000000');
    expect($<HTMLInputElement>('[data-egisz-input="pin"]')!.value).toBe('');
    await vi.waitFor(() => expect($('[role="alert"]')?.textContent).toBe('Неверный PIN-код'));
    await submitPin('123456');
    await vi.waitFor(() => expect($('[data-egisz-confirm="done"]')?.textContent).toContain('Документ подписан и отправлен'));
    expect(asked.filter((m) => m.type === 'confirm-sign')).toEqual([
      { type: 'confirm-sign', jobId: 'j1', pin: '000000' },
      { type: 'confirm-sign', jobId: 'j1', pin: '123456' },
    ]);
  });

  it('follows job pushes from the background', async () => {
    fakeBackground(() => details);
    render(<ConfirmPage jobId="j1" />, $('#app')!);
    await rendered('[data-egisz-input="pin"]');
    await fakeBrowser.runtime.onMessage.trigger({ type: 'job-update', job: { jobId: 'other', state: 'registered' } }, {}, () => undefined);
    expect($('[data-egisz-confirm="done"]')).toBeNull();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'job-update', job: { jobId: 'j1', state: 'registered', emdrId: 'E1' } }, {}, () => undefined);
    await vi.waitFor(() => expect($('[data-egisz-confirm="done"]')).not.toBeNull());
  });

  it('says so when the job is unknown', async () => {
    fakeBackground(() => ({ ok: false, code: 'AGENT_JOB_NOT_FOUND', message: 'Документ не найден' }));
    render(<ConfirmPage jobId="gone" />, $('#app')!);
    await vi.waitFor(() => expect($('[role="alert"]')?.textContent).toBe('Документ не найден'));
    expect($('[data-egisz-input="pin"]')).toBeNull();
  });
});
