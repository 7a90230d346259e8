/**
 * СНИЛС: 11 digits, the last two a checksum over the first nine.
 * Algorithm: egisz.md §5 (weights 9…1, mod 101, 100 and 101 → 00).
 * Numbers up to 001-001-998 were issued before the checksum existed and are not checked.
 */

/** The highest number (first nine digits) exempt from the checksum. */
const UNCHECKED_UP_TO = 1_001_998;

/** Keeps the digits only: "112-233-445 95" → "11223344595". */
export function normalizeSnils(raw: string): string {
  return raw.replace(/\D/g, '');
}

/** The two-digit checksum of the first nine digits, as a string. */
export function snilsChecksum(nineDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  while (sum > 101) sum %= 101;
  const check = sum === 100 || sum === 101 ? 0 : sum;
  return String(check).padStart(2, '0');
}

/** True for 11 normalised digits with a right checksum (or a number exempt from it). */
export function isValidSnils(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const number = digits.slice(0, 9);
  if (Number(number) <= UNCHECKED_UP_TO) return true;
  return snilsChecksum(number) === digits.slice(9);
}

/** "11223344595" → "112-233-445 95"; anything that is not 11 digits is returned as is. */
export function formatSnils(digits: string): string {
  const d = normalizeSnils(digits);
  if (d.length !== 11) return digits;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
}
