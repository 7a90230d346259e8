// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DiagnosticCheck } from '../../../../shared/diagnostics/diagnostic-report.ts';
import { DiagnosticsPage } from '../../../../extension/ui/diagnostics-page.tsx';
import { $, $$, fakeBackground, rendered } from '../../../support/extension-page.ts';

const checks: DiagnosticCheck[] = [
  { id: 'agent.port', status: 'ok', title: 'Агент на этом компьютере', explanation: 'Агент 0.1.0 отвечает на порту 17346.' },
  { id: 'token.certificates', status: 'warning', title: 'Токен и сертификаты', explanation: 'Токенов: 1.', action: 'Закажите новый сертификат.', details: ['сертификат ab12cd34…: личный'] },
  // A check that leaked a SNILS: the copied report must not carry it.
  { id: 'leak', status: 'ok', title: 'Проверка', explanation: 'СНИЛС 156-427-818 86' },
];

let copied: string[];
beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="app"></div>';
  copied = [];
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: vi.fn(async (t: string) => void copied.push(t)) } });
});
afterEach(() => render(null, $('#app')!));

describe('DiagnosticsPage', () => {
  it('asks the background with the MIS site, shows each check with its status and what to do, and copies a scrubbed report', async () => {
    const asked = fakeBackground(() => ({ ok: true, checks, extensionVersion: '1.2.3' }));
    render(<DiagnosticsPage site="https://mis.example/visit?id=7" />, $('#app')!);
    await rendered('[data-egisz-diagnostics="warning"]');
    expect(asked).toEqual([{ type: 'diagnostics', site: 'https://mis.example/visit?id=7' }]);
    expect($$('[data-egisz-check]').map((c) => [c.getAttribute('data-egisz-check'), c.getAttribute('data-egisz-status')]))
      .toEqual([['agent.port', 'ok'], ['token.certificates', 'warning'], ['leak', 'ok']]);
    expect($('[data-egisz-check="token.certificates"] .diag-action')!.textContent).toBe('Что сделать: Закажите новый сертификат.');
    expect($('[data-egisz-diagnostics]')!.textContent).toBe('Работать можно, но есть предупреждения.');

    $<HTMLButtonElement>('[data-egisz-action="copy-report"]')!.click();
    const report = await rendered<HTMLTextAreaElement>('[data-egisz-report]');
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain('расширение 1.2.3');
    expect(copied[0]).toContain('[ВНИМАНИЕ] Токен и сертификаты');
    expect(copied[0]).not.toContain('156-427-818 86');
    expect(report.value).toBe(copied[0]);
    expect($('[role="status"]')!.textContent).toContain('Отчёт скопирован');
  });

  it('when the clipboard refuses, the report is left to select by hand', async () => {
    (navigator.clipboard.writeText as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new Error('denied'));
    fakeBackground(() => ({ ok: true, checks: checks.slice(0, 1), extensionVersion: '1.2.3' }));
    render(<DiagnosticsPage />, $('#app')!);
    await rendered('[data-egisz-diagnostics="ok"]');
    $<HTMLButtonElement>('[data-egisz-action="copy-report"]')!.click();
    await rendered('[data-egisz-report]');
    expect($('[role="status"]')!.textContent).toContain('Скопировать не удалось');
  });

  it('a silent background is shown as its Russian message', async () => {
    render(<DiagnosticsPage />, $('#app')!);
    await rendered('.alert');
    expect($('.alert')!.textContent).toContain('Фоновая часть расширения не отвечает');
  });
});
