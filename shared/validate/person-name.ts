/**
 * The written form of a surname, first name or patronymic. ГИП and FRMR
 * compare names letter by letter, so a Latin "о" inside «Петров», a stray
 * space or «ПЕТРОВ» can make the federal level reject or mismatch the person.
 * Allowed: Cyrillic letters (ё or е alike), hyphens for double names,
 * apostrophes, single spaces (e.g. «Мамед оглы»).
 */
import type { Issue } from './issue.ts';
import { issueFor } from './rule-catalogue.ts';
import { fieldLabel } from './field-labels.ts';

/** Latin letters that look like Cyrillic ones, as typed in the wrong layout or pasted. */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  A: 'А', a: 'а', B: 'В', C: 'С', c: 'с', E: 'Е', e: 'е', H: 'Н', K: 'К', k: 'к', M: 'М',
  O: 'О', o: 'о', P: 'Р', p: 'р', T: 'Т', X: 'Х', x: 'х', Y: 'У', y: 'у',
};

/** Parts written in lower case inside a name. */
const PARTICLES: ReadonlySet<string> = new Set(['оглы', 'кызы', 'гызы', 'улы', 'уулу', 'ибн', 'бен', 'фон', 'де', 'ди', 'дю', 'ван', 'дер', 'ла', 'ле']);

const CYRILLIC = /[А-ЯЁа-яё]/;
const LATIN = /[A-Za-z]/;
const APOSTROPHES = /[’ʼ`']/;

/** Reports every form problem of one name part; `remdCode` is what a mismatch comes back as. */
export function checkPersonName(text: string, path: string, issues: Issue[], remdCode: string): void {
  const base = { field: fieldLabel(path), remd: remdCode, value: text };
  const words = text.split(/[\s\-’ʼ`']+/).filter(Boolean);
  const mixed = words.filter((w) => CYRILLIC.test(w) && LATIN.test(w));
  if (mixed.length > 0) {
    const letters = [...new Set(mixed.join('').match(/[A-Za-z]/g))].join(', ');
    issues.push(issueFor('VALIDATION_NAME_LATIN_LOOKALIKE', path, { ...base, letters, fixed: tidyName(toCyrillic(text)) }));
    return;
  }
  if (LATIN.test(text) && !CYRILLIC.test(text)) {
    issues.push(issueFor('VALIDATION_NAME_LATIN', path, base));
    return;
  }
  const strange = [...new Set(text.match(/[^А-ЯЁа-яё\s\-’ʼ`']/g) ?? [])];
  if (strange.length > 0) {
    issues.push(issueFor('VALIDATION_NAME_CHARACTERS', path, { ...base, chars: strange.map((c) => `«${c}»`).join(', ') }));
    return;
  }
  if (/^[\s-]*-|-[\s-]*$|--|\s-|-\s/.test(text.trim())) {
    issues.push(issueFor('VALIDATION_NAME_HYPHEN', path, base));
    return;
  }
  const spaced = text.replace(/\s+/g, ' ').trim();
  if (spaced !== text) issues.push(issueFor('VALIDATION_NAME_SPACES', path, { ...base, fixed: spaced }));
  const cased = capitalise(spaced);
  if (cased !== spaced) issues.push(issueFor('VALIDATION_NAME_CASE', path, { ...base, value: spaced, fixed: cased }));
}

function toCyrillic(text: string): string {
  return [...text].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
}

function tidyName(text: string): string {
  return capitalise(text.replace(/\s+/g, ' ').trim());
}

/** «ПЕТРОВ-водкин» → «Петров-Водкин»; particles stay lower case; after an apostrophe the case is kept. */
export function capitalise(name: string): string {
  return name.replace(/([\s-]|^)([^\s-]+)/g, (_m, sep: string, word: string) => sep + capitaliseWord(word));
}

function capitaliseWord(word: string): string {
  const lower = word.toLowerCase();
  if (PARTICLES.has(lower)) return lower;
  const [head = '', ...tail] = word.split(APOSTROPHES);
  const apostrophe = APOSTROPHES.exec(word)?.[0] ?? '';
  const first = head.charAt(0).toUpperCase() + head.slice(1).toLowerCase();
  // Д'Артаньян, О'Коннор: the part after the apostrophe keeps its own capital if it has one.
  const rest = tail.map((t) => t.charAt(0) + t.slice(1).toLowerCase());
  return [first, ...rest].join(apostrophe);
}
