/**
 * A site profile: a declarative description of one MIS form, so the content
 * script can find and read its fields without any hook in the page.
 * Profiles are plain JSON (see profiles/) and will be user-editable later.
 */

/** Which pages the profile applies to. `*` in a pattern matches any run of characters. */
export interface UrlMatch {
  /** Host pattern without the port, e.g. "*" or "mis.clinic.local". */
  host: string;
  /** Pathname pattern, e.g. "/demo/consultation.html". */
  path: string;
}

/** How to find the element that holds a field. */
export type FieldLocator =
  | { selector: string }
  /** The text of a <label>; the control is its `for` target or the control inside it. */
  | { label: string };

/** What to take from the element: a control's value or an element's text. */
export type FieldReading = 'value' | 'text';

/** How to turn the raw text into the record's form. */
export type FieldFormat =
  | { kind: 'text' }
  /** Digits only: "156-427-818 86" → "15642781886". */
  | { kind: 'snils' }
  /** A date in the page's pattern → YYYY-MM-DD. */
  | { kind: 'date'; pattern: DatePattern }
  /** A code looked up in a table, e.g. {"1": "male", "2": "female"}. */
  | { kind: 'map'; values: Record<string, string> }
  /** "Фамилия Имя Отчество" split over the rule's three paths. */
  | { kind: 'fio' };

export type DatePattern = 'dd.mm.yyyy' | 'yyyy-mm-dd';

export interface FieldRule {
  /** Record paths filled by this rule; several only for `fio`. */
  paths: string[];
  find: FieldLocator;
  read: FieldReading;
  format: FieldFormat;
  /** False for values we read but do not mark (e.g. a diagnosis name next to its code). */
  mark?: boolean;
}

export interface SiteProfile {
  id: string;
  /** Russian name of the form, shown in the panel. */
  title: string;
  match: UrlMatch;
  fields: FieldRule[];
  /** Values fixed by the form itself, by record path (e.g. the REMD kind). */
  constants: Record<string, string>;
  /**
   * Record paths (or their prefixes) the agent fills from its own config:
   * issues about them are not the page user's to fix, so the page ignores them.
   */
  agentCompleted: string[];
}
