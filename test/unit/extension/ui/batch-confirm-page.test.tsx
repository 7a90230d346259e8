// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { JobDetailsReply } from '../../../../extension/messaging/runtime-messages.ts';
import { BatchConfirmPage } from '../../../../extension/ui/batch-confirm-page.tsx';
import type { CertificateSummary } from '../../../../shared/protocol/messages.ts';
import { $, $$, fakeBackground, submitPin } from '../../../support/extension-page.ts';

const certificate: CertificateSummary = {
  owner: 'Иванова Мария Петровна', snils: '11223344595', issuer: 'Демо УЦ',
  notBefore: '2026-11-25T00:00:00Z', notAfter: '2027-11-25T00:00:00Z', fingerprint: 'cd'.repeat(32), warnings: [],
};

const details = (jobId: string, patient: string, fingerprint = certificate.fingerprint): JobDetailsReply => ({
  ok: true,
  job: { jobId, state: 'prepared' },
  preview: { title: `Протокол консультации · ${patient}`, html: `<p>${patient}</p>`, digest: 'ab'.repeat(32), kind: '119' },
  certificate: { ...certificate, fingerprint },
  issues: [],
});

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="app"></div>';
});

afterEach(() => render(null, $('#app')!));

describe('BatchConfirmPage', () => {
  it('shows every preview and the one certificate, sends one PIN for all and follows each job', async () => {
    let attempt = 0;
    const asked = fakeBackground((message) => {
      if (message.type === 'job-details') return details(message.jobId, message.jobId === 'j1' ? 'Петров' : 'Сидорова');
      attempt += 1;
      return attempt === 1
        ? { ok: false, code: 'TOKEN_PIN_INCORRECT', message: 'Неверный PIN-код. Осталось попыток: 2.' }
        : { ok: true, jobs: [{ jobId: 'j1', state: 'sending' }, { jobId: 'j2', state: 'sending' }] };
    });
    render(<BatchConfirmPage jobIds={['j1', 'j2']} />, $('#app')!);
    await vi.waitFor(() => expect($$('iframe[sandbox=""]')).toHaveLength(2));
    expect($$('[aria-label="Сертификат подписи"]')).toHaveLength(1);
    expect(document.body.textContent).toContain('Подпись пакета: документов — 2');

    await submitPin('0000');
    await vi.waitFor(() => expect($('[role="alert"]')?.textContent).toContain('Осталось попыток: 2'));
    expect($<HTMLInputElement>('[data-egisz-input="pin"]')!.value).toBe('');
    await submitPin('12345678');
    await vi.waitFor(() => expect($('[data-egisz-confirm="done"]')).not.toBeNull());
    expect(asked.filter((m) => m.type === 'confirm-sign-batch')).toEqual([
      { type: 'confirm-sign-batch', jobIds: ['j1', 'j2'], pin: '0000' },
      { type: 'confirm-sign-batch', jobIds: ['j1', 'j2'], pin: '12345678' },
    ]);

    await fakeBrowser.runtime.onMessage.trigger({ type: 'job-update', job: { jobId: 'j2', state: 'registered', emdrId: 'E2' } }, {}, () => undefined);
    await vi.waitFor(() => expect($('[data-egisz-batch-document="j2"]')!.getAttribute('data-egisz-job-state')).toBe('registered'));
    expect($('[data-egisz-batch-document="j1"]')!.getAttribute('data-egisz-job-state')).toBe('sending');
  });

  it('refuses documents signed by different certificates', async () => {
    fakeBackground((message) => (message.type === 'job-details' ? details(message.jobId, 'X', message.jobId === 'j1' ? 'aa'.repeat(32) : 'bb'.repeat(32)) : undefined));
    render(<BatchConfirmPage jobIds={['j1', 'j2']} />, $('#app')!);
    await vi.waitFor(() => expect($('[role="alert"]')?.textContent).toContain('разными сертификатами'));
    expect($('[data-egisz-input="pin"]')).toBeNull();
  });
});
