/**
 * ИНН: 10 digits for a legal entity, 12 for a person; check digits are weighted
 * sums mod 11 mod 10 (egisz.md §5, after the Federal Tax Service's algorithm).
 */

const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** The check digit for the digits that precede it, under the given weights. */
export function innCheckDigit(digits: string, weights: readonly number[]): string {
  const sum = weights.reduce((s, w, i) => s + w * Number(digits[i]), 0);
  return String((sum % 11) % 10);
}

export function isValidInn(digits: string): boolean {
  if (/^\d{10}$/.test(digits)) return innCheckDigit(digits, WEIGHTS_10) === digits[9];
  if (/^\d{12}$/.test(digits)) {
    return innCheckDigit(digits, WEIGHTS_11) === digits[10] && innCheckDigit(digits, WEIGHTS_12) === digits[11];
  }
  return false;
}

/** Completes 9 (legal entity) or 10 (person) leading digits into a valid INN. */
export function completeInn(prefix: string): string {
  if (prefix.length === 9) return prefix + innCheckDigit(prefix, WEIGHTS_10);
  const eleven = prefix + innCheckDigit(prefix, WEIGHTS_11);
  return eleven + innCheckDigit(eleven, WEIGHTS_12);
}
