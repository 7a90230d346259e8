/**
 * КПП: 9 characters. Four digits of the tax office, two of the reason for
 * registration (digits, or since 2013 also capital Latin letters), three of the
 * sequence number. There is no check digit, so only the form is checked.
 */
export function isValidKpp(text: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(text);
}
