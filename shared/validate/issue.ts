/** One finding of validation or pre-flight: data, never an exception. */
/** info: a note that changes nothing (e.g. a check that could not run); it marks no field. */
export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  /** Dotted path of the record field, e.g. "patient.snils" or "encounter.diagnoses.0.code". */
  path: string;
  /** Stable rule code from the catalogue (shared/validate/rule-catalogue.ts). */
  code: string;
  severity: Severity;
  /** Russian text for the user that says what to fix. */
  message: string;
  hint?: string;
  /** The REMD NSI 305 code this rule prevents, e.g. NO_SNILS. */
  remdCode?: string;
}

export const hasErrors = (issues: readonly Issue[]): boolean =>
  issues.some((i) => i.severity === 'error');
