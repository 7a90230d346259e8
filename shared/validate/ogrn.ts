/**
 * ОГРН (13 digits, legal entities) and ОГРНИП (15 digits, sole traders):
 * the last digit is the number before it mod 11 (ОГРН) or mod 13 (ОГРНИП),
 * then its last decimal digit (egisz.md §5). BigInt: 14 digits exceed 2^53 in sums' reach.
 */

export function ogrnCheckDigit(twelve: string): string {
  return String((BigInt(twelve) % 11n) % 10n);
}

export function ogrnipCheckDigit(fourteen: string): string {
  return String((BigInt(fourteen) % 13n) % 10n);
}

/** ОГРН: 13 digits, not starting with 0, with a right check digit. */
export function isValidOgrn(digits: string): boolean {
  return /^[1-9]\d{12}$/.test(digits) && ogrnCheckDigit(digits.slice(0, 12)) === digits[12];
}

/** ОГРНИП: 15 digits, not starting with 0, with a right check digit. */
export function isValidOgrnip(digits: string): boolean {
  return /^[1-9]\d{14}$/.test(digits) && ogrnipCheckDigit(digits.slice(0, 14)) === digits[14];
}
