// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundRequest, CertificatesReply, QueueReply, StatusReply } from '../../../../extension/messaging/runtime-messages.ts';
import { QUEUE_REFRESH_MS } from '../../../../extension/ui/outbox-queue.tsx';
import { PopupStatus } from '../../../../extension/ui/popup-status.tsx';

const status: StatusReply = {
  ok: true, paired: true, port: 17346, link: 'connected',
  jobs: [
    { jobId: 'j1', state: 'prepared', title: 'Протокол консультации · Петров', origin: 'http://mis' },
    { jobId: 'j2', state: 'prepared', title: 'Протокол консультации · Сидорова', origin: 'http://mis' },
    { jobId: 'j0', state: 'registered', emdrId: 'E0', title: 'Направление', origin: 'http://mis' },
  ],
};

const certificates: CertificatesReply = {
  ok: true,
  certificates: [{
    owner: 'Иванова Мария Петровна', snils: '11223344595', issuer: 'Демо УЦ',
    notBefore: '2025-12-01T00:00:00Z', notAfter: '2026-12-06T00:00:00Z', fingerprint: 'cd'.repeat(32),
    warnings: [{ path: 'practitioner', code: 'TOKEN_CERT_EXPIRES_IN_14_DAYS', severity: 'warning', message: 'Ключ подписи действует ещё 10 дн. (до 06.12.2026). Закажите новый сертификат в удостоверяющем центре заранее.' }],
  }],
};

const queued = (state: 'sending' | 'registered' | 'rejected', extra = {}) => ({
  jobId: 'j0', localUid: 'u0', kind: '119', state, createdAt: '2026-11-26T05:00:00Z', updatedAt: '2026-11-26T05:00:00Z', ...extra,
});

/** A stand-in background; `queue` answers change over time like the agent's outbox. */
function fakeBackground(queueAnswers: QueueReply[]): BackgroundRequest[] {
  const asked: BackgroundRequest[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: BackgroundRequest, _sender: unknown, sendResponse: (r: unknown) => void) => {
    asked.push(message);
    if (message.type === 'status') sendResponse(status);
    else if (message.type === 'certificates') sendResponse(certificates);
    else if (message.type === 'queue') sendResponse(queueAnswers.length > 1 ? queueAnswers.shift() : queueAnswers[0]);
    else return undefined;
    return true;
  });
  return asked;
}

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector);

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
  document.body.innerHTML = '<div id="app"></div>';
});

afterEach(() => {
  render(null, $('#app')!);
  vi.useRealTimers();
});

describe('PopupStatus', () => {
  it('warns in Russian about a certificate that expires soon', async () => {
    fakeBackground([{ ok: true, documents: [] }]);
    render(<PopupStatus />, $('#app')!);
    const warning = await vi.waitFor(() => $('[data-egisz-certificate-warning="TOKEN_CERT_EXPIRES_IN_14_DAYS"]') ?? Promise.reject(new Error('not yet')));
    expect(warning.textContent).toContain('действует ещё 10 дн.');
    expect(warning.className).toContain('issue--warning');
    expect($('[data-egisz-certificates]')!.textContent).toContain('Иванова Мария Петровна · до 06.12.2026');
  });

  it('shows the outbox queue and refreshes it while open: sending, then registered with the emdrId', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const rejected = queued('rejected', { jobId: 'j9', localUid: 'u9', errors: [{ code: 'PERSON_NOT_FOUND', message: 'Врач не найден в ФРМР' }] });
    const asked = fakeBackground([
      { ok: true, documents: [queued('sending'), rejected] },
      { ok: true, documents: [queued('registered', { emdrId: '77.119.01.02.5' }), rejected] },
    ]);
    render(<PopupStatus />, $('#app')!);
    await vi.waitFor(() => expect($('[data-egisz-queue-state="sending"]')?.textContent).toContain('отправляется'));
    expect($('[data-egisz-queue]')!.textContent).toContain('PERSON_NOT_FOUND: Врач не найден в ФРМР');
    // Titled from this session's jobs where known, by kind otherwise.
    expect($('[data-egisz-queue]')!.textContent).toContain('Документ вида 119');
    await vi.advanceTimersByTimeAsync(QUEUE_REFRESH_MS);
    await vi.waitFor(() => expect($('[data-egisz-queue-state="registered"]')?.textContent).toContain('зарегистрирован · 77.119.01.02.5'));
    expect(asked.filter((m) => m.type === 'queue').length).toBeGreaterThanOrEqual(2);
  });

  it('lists the documents waiting for the PIN and opens one confirmation for the chosen ones', async () => {
    fakeBackground([{ ok: true, documents: [] }]);
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    render(<PopupStatus />, $('#app')!);
    const button = await vi.waitFor(() => $<HTMLButtonElement>('[data-egisz-action="sign-batch"]') ?? Promise.reject(new Error('not yet')));
    expect(button.textContent).toContain('(2)');
    $<HTMLInputElement>('[data-egisz-batch-job="j2"]')!.click();
    await vi.waitFor(() => expect(button.textContent).toContain('(1)'));
    $<HTMLInputElement>('[data-egisz-batch-job="j2"]')!.click();
    await vi.waitFor(() => expect(button.textContent).toContain('(2)'));
    button.click();
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/confirm\.html\?jobs=j1,j2$/) });
  });
});
