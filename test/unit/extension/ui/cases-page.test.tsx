// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CaseSummary } from '../../../../shared/protocol/messages.ts';
import { CasesPage } from '../../../../extension/ui/cases-page.tsx';
import { $, $$, fakeBackground, rendered } from '../../../support/extension-page.ts';

const patient = { snils: '15642781886', name: 'Петров Иван Сергеевич' };
const caseDocument = (localUid: string, kind: string, title: string, inIemk = false, versionNumber = 1) => ({ localUid, kind, title, versionNumber, inIemk });
const visit = (localUid: string, visitDate: string, documents = [caseDocument(localUid, '119', 'Протокол консультации')]) => ({
  localUid, visitDate, mainDiagnosis: 'J06.9', kind: '119', doctor: 'Иванова Мария Петровна', documents,
});
const aCase = (caseId: string, visits: ReturnType<typeof visit>[], extra: Partial<CaseSummary> = {}): CaseSummary => ({
  caseId, patient, category: 'J06', openDate: visits[0]!.visitDate, iemk: { opened: false, closed: false, steps: [] }, visits, documents: [], ...extra,
});

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="app"></div>';
});
afterEach(() => render(null, $('#app')!));

const cardVisits = () => $$('[data-egisz-case]').map((c) => [...c.querySelectorAll('[data-egisz-visit]')].map((v) => v.getAttribute('data-egisz-visit')));

describe('CasesPage', () => {
  it('lists the patient\'s cases with the IEMK progress, and splits a visit off through the background', async () => {
    const first = visit('a', '2026-11-10', [caseDocument('a', '119', 'Протокол консультации', true), caseDocument('r', '185', 'Направление на консультацию', false, 2)]);
    const together = [aCase('a', [first, visit('b', '2026-11-17')], { iemk: { opened: true, closed: false, steps: ['a'] } })];
    const apart = [aCase('a', [visit('a', '2026-11-10')]), aCase('b', [visit('b', '2026-11-17')])];
    const asked = fakeBackground((m) => ({ ok: true, cases: m.type === 'case-edit' ? apart : together }));
    render(<CasesPage initialSnils="15642781886" />, $('#app')!);
    await rendered('[data-egisz-case="a"]');
    expect($('[data-egisz-case-iemk]')!.textContent).toBe('В ИЭМК: передано посещений: 1 из 2, документов: 1 из 3');
    // A visit lists its documents: the consultation the IEMK has, the referral's second version it has not yet.
    const shown = $$('[data-egisz-visit="a"] [data-egisz-visit-document]').map((d) => [d.getAttribute('data-egisz-document-iemk'), d.textContent]);
    expect(shown).toEqual([['yes', 'Протокол консультации · в ИЭМК'], ['no', 'Направление на консультацию, версия 2']]);
    expect($('[data-egisz-visit="a"]')!.textContent).toContain('Иванова Мария Петровна');
    expect($('[data-egisz-case-documents]')).toBeNull();
    expect($('[data-egisz-action="merge-case"]')).toBeNull(); // nothing to merge with
    $<HTMLButtonElement>('[data-egisz-visit="b"] [data-egisz-action="split-visit"]')!.click();
    await rendered('[data-egisz-case="b"]');
    expect(cardVisits()).toEqual([['a'], ['b']]);
    expect(asked).toEqual([
      { type: 'cases', snils: '15642781886' },
      { type: 'case-edit', snils: '15642781886', edit: { action: 'split', localUid: 'b' } },
    ]);
  });

  it('asks for nothing with a SNILS that is not 11 digits, and shows the agent\'s refusal as it is', async () => {
    const asked = fakeBackground((m) => (m.type === 'cases' ? { ok: true, cases: [aCase('a', [visit('a', '2026-11-10')])] }
      : { ok: false, code: 'CASE_EDIT_INVALID', message: 'Случай не закрыт: дата закрытия должна быть не раньше последнего посещения' }));
    render(<CasesPage />, $('#app')!);
    await rendered('[data-egisz-case="a"]');
    expect(asked).toEqual([{ type: 'cases' }]); // without SNILS: the patients seen lately

    const field = $<HTMLInputElement>('[data-egisz-input="case-snils"]')!;
    field.value = '156-427';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0)); // Preact re-renders with the typed value
    $<HTMLButtonElement>('[data-egisz-action="find-cases"]')!.click();
    expect((await rendered('[data-egisz-cases-error]')).textContent).toContain('11 цифр');
    expect(asked).toHaveLength(1);

    $<HTMLButtonElement>('[data-egisz-action="close-case"]')!.click();
    await vi.waitFor(() => expect($('[data-egisz-cases-error]')!.textContent).toContain('не раньше последнего посещения'));
    expect(asked.at(-1)).toMatchObject({ type: 'case-edit', edit: { action: 'close', caseId: 'a' } });
    expect($('[data-egisz-case="a"]')!.getAttribute('data-egisz-case-state')).toBe('open');
  });

  it('lists an epicrisis that fits no case with a Russian hint, and puts it into the case the user picks', async () => {
    const epicrisis = { ...caseDocument('e42', '42', 'Эпикриз по законченному случаю'), patient, date: '2026-11-20', mainDiagnosis: 'K29.7' };
    const listed = [aCase('a', [visit('a', '2026-11-10')])];
    const attached = [aCase('a', [visit('a', '2026-11-10')], { documents: [caseDocument('e42', '42', 'Эпикриз по законченному случаю')] })];
    const asked = fakeBackground((m) => (m.type === 'case-edit' ? { ok: true, cases: attached } : { ok: true, cases: listed, unmatched: [epicrisis] }));
    render(<CasesPage initialSnils="15642781886" />, $('#app')!);
    const hint = await rendered('[data-egisz-unmatched="e42"] [data-egisz-unmatched-hint]');
    expect(hint.textContent).toContain('не отнесён ни к одному случаю');
    expect(hint.textContent).toContain('рубрикой K29');
    expect($$('[data-egisz-patient]')).toHaveLength(1); // with the patient's cases, not apart
    expect($<HTMLButtonElement>('[data-egisz-action="attach-epicrisis"]')!.disabled).toBe(true);
    const target = $<HTMLSelectElement>('[data-egisz-input="epicrisis-target"]')!;
    target.value = 'a';
    target.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect($<HTMLButtonElement>('[data-egisz-action="attach-epicrisis"]')!.disabled).toBe(false));
    $<HTMLButtonElement>('[data-egisz-action="attach-epicrisis"]')!.click();
    await rendered('[data-egisz-case-documents]');
    expect($('[data-egisz-unmatched]')).toBeNull();
    expect(asked.at(-1)).toEqual({ type: 'case-edit', snils: '15642781886', edit: { action: 'move', localUid: 'e42', caseId: 'a' } });
  });
});
