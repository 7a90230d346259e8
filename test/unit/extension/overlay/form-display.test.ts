// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { localizeMessage, suggestedFix, writeValue } from '../../../../extension/overlay/form-display.ts';
import type { BoundField } from '../../../../extension/scrape/scrape-record.ts';
import type { FieldRule } from '../../../../extension/scrape/site-profile.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';

const field = (value: string, format: FieldRule['format']): BoundField => {
  const element = document.createElement('input');
  element.value = value;
  return { path: 'patient.snils', element, rule: { paths: ['patient.snils'], find: { selector: 'input' }, read: 'value', format } };
};

describe('messages in the form’s own date format', () => {
  it('rewrites the date pattern and ISO dates for a дд.мм.гггг form, and nothing for an ISO form', () => {
    const [issue] = validateRecord({ patient: { birthDate: '1980-02-30' } }).filter((i) => i.path === 'patient.birthDate');
    expect(issue!.message).toContain('ГГГГ-ММ-ДД');
    const shown = localizeMessage(issue!.message, 'dd.mm.yyyy');
    expect(shown).toContain('ДД.ММ.ГГГГ');
    expect(shown).toContain('30.02.1980');
    expect(shown).not.toContain('1980-02-30');
    expect(localizeMessage(issue!.message, 'yyyy-mm-dd')).toBe(issue!.message);
    expect(localizeMessage('Дата приёма 2026-11-26 позже сегодняшней', 'dd/mm/yyyy')).toBe('Дата приёма 26/11/2026 позже сегодняшней');
  });
});

describe('«Исправить»', () => {
  it('offers a formatted SNILS or a padded date only for a valid value written another way', () => {
    expect(suggestedFix(field('15642781886', { kind: 'snils' }))).toBe('156-427-818 86');
    expect(suggestedFix(field('156-427-818 86', { kind: 'snils' }))).toBeUndefined();
    expect(suggestedFix(field('1564278188', { kind: 'snils' }))).toBeUndefined();
    expect(suggestedFix(field('4.5.1980', { kind: 'date', pattern: 'dd.mm.yyyy' }))).toBe('04.05.1980');
    expect(suggestedFix(field('', { kind: 'snils' }))).toBeUndefined();
  });

  it('writes through the native setter and fires input and change, so the MIS notices', () => {
    const input = document.createElement('input');
    document.body.append(input);
    const events: string[] = [];
    const onEvent = vi.fn((event: Event) => events.push(event.type));
    input.addEventListener('input', onEvent);
    input.addEventListener('change', onEvent);
    writeValue(input, '156-427-818 86');
    expect(input.value).toBe('156-427-818 86');
    expect(events).toEqual(['input', 'change']);
  });
});
