/**
 * The written form of an МКБ-10 code: a Latin capital, two digits, and
 * optionally a dot with one or two more digits (J06.9, S26.91).
 */

const CODE_FORM = /^[A-Z]\d{2}(\.\d{1,2})?$/;

/** Cyrillic letters typed in place of the Latin ones that look the same. */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
};

export function isMkb10CodeForm(code: string): boolean {
  return CODE_FORM.test(code);
}

/**
 * The code a mistyped one most likely meant: case, Cyrillic look-alikes,
 * a comma or no dot. Undefined when no such repair gives a well-formed code.
 */
export function repairMkb10Code(raw: string): string | undefined {
  let code = raw.trim().toUpperCase().replace(/\s+/g, '').replace(',', '.');
  code = [...code].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join('');
  if (/^[A-Z]\d{3,4}$/.test(code)) code = `${code.slice(0, 3)}.${code.slice(3)}`;
  code = code.replace(/\.$/, '');
  return CODE_FORM.test(code) && code !== raw ? code : undefined;
}
