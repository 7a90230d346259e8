/**
 * ЕНП, the single number of an ОМС policy: 16 digits, the last a check digit.
 *
 * The FFOMS text (clause Г.2, after ISO/HL7 27931:2009 "Mod10") reads the odd
 * positions from the right as a number, doubles it, prefixes the even ones,
 * and takes the complement of the digit sum to the next multiple of 10. That is
 * exactly the Luhn check digit over the first 15 digits. Confirmed against the
 * normative worked example 8451999122899990 and production MIS code
 * (research note egisz.md §9: genbodev/promed swFunctions.js, chipcom/2.x documents.prg).
 */

/** The Luhn sum of a digit string, doubling every second digit from the right of the payload. */
function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    double = !double;
  }
  return sum;
}

/** The 16th digit for 15 leading digits. */
export function enpCheckDigit(fifteen: string): string {
  return String((10 - (luhnSum(fifteen, true) % 10)) % 10);
}

/** True for exactly 16 ASCII digits whose last digit checks. */
export function isValidEnp(digits: string): boolean {
  return /^\d{16}$/.test(digits) && luhnSum(digits, false) % 10 === 0;
}
