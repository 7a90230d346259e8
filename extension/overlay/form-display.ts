/**
 * Findings and values as the form shows them. Validators speak ISO dates
 * (ГГГГ-ММ-ДД) because the record holds them; a form that writes дд.мм.гггг
 * must see its own format in the messages, or the user "fixes" a correct field.
 */
import { formatSnils, normalizeSnils } from '../../shared/validate/snils.ts';
import { displayDate } from '../scrape/field-format.ts';
import { readElement } from '../scrape/locate-field.ts';
import type { BoundField } from '../scrape/scrape-record.ts';
import type { DatePattern, SiteProfile } from '../scrape/site-profile.ts';

const PATTERN_TEXT: Record<DatePattern, string> = { 'dd.mm.yyyy': 'ДД.ММ.ГГГГ', 'dd/mm/yyyy': 'ДД/ММ/ГГГГ', 'yyyy-mm-dd': 'ГГГГ-ММ-ДД' };

/** The date pattern the form uses, from its first date field; undefined when it has none. */
export function formDatePattern(profile: SiteProfile): DatePattern | undefined {
  for (const rule of profile.fields) if (rule.format.kind === 'date') return rule.format.pattern;
  return undefined;
}

/** A message with its dates and date format written the form's way. */
export function localizeMessage(message: string, pattern: DatePattern | undefined): string {
  if (!pattern || pattern === 'yyyy-mm-dd') return message;
  return message
    .replaceAll('ГГГГ-ММ-ДД', PATTERN_TEXT[pattern])
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => displayDate(iso, pattern));
}

/**
 * The normalised text for a field, when the form holds a valid value written
 * another way (SNILS without dashes, a date without leading zeros): what
 * «Исправить» writes. Undefined when there is nothing to fix.
 */
export function suggestedFix(field: BoundField): string | undefined {
  const { element, rule } = field;
  if (field.extjs || !isTextControl(element)) return undefined;
  const raw = readElement(element, 'value').trim();
  if (raw === '') return undefined;
  let fixed: string | undefined;
  if (rule.format.kind === 'snils') {
    const digits = normalizeSnils(raw);
    fixed = /^\d{11}$/.test(digits) ? formatSnils(digits) : undefined;
  } else if (rule.format.kind === 'date') {
    const parts = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(raw);
    fixed = parts ? displayDate(`${parts[3]}-${parts[2]!.padStart(2, '0')}-${parts[1]!.padStart(2, '0')}`, rule.format.pattern) : undefined;
  }
  return fixed !== undefined && fixed !== raw ? fixed : undefined;
}

function isTextControl(element: Element): element is HTMLInputElement | HTMLTextAreaElement {
  return element.tagName === 'TEXTAREA' || (element.tagName === 'INPUT' && ['text', 'search', 'tel', ''].includes((element as HTMLInputElement).type));
}

/**
 * Writes the value the way a user's typing would: through the native setter
 * (frameworks that track the value property see it) and with input + change
 * events, so the MIS notices. Only ever on the user's «Исправить».
 */
export function writeValue(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const view = element.ownerDocument.defaultView;
  const proto = element.tagName === 'TEXTAREA' ? view?.HTMLTextAreaElement.prototype : view?.HTMLInputElement.prototype;
  const setter = proto ? Object.getOwnPropertyDescriptor(proto, 'value')?.set : undefined;
  if (setter) setter.call(element, value);
  else element.value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
}
