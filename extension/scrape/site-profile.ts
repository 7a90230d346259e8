/**
 * A site profile: a declarative description of one MIS form, so the content
 * script can find and read its fields without any hook in the page.
 * Profiles are plain JSON checked against profile-schema.json: built-in ones
 * in profiles/, user ones (from the field mapper or imported files) in storage.
 */
import type { CodedConcept } from '../../shared/domain/record.ts';

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
  /** Label text: a <label>, aria-label(ledby), placeholder, the text before the control in its cell or row, a legend. */
  | { label: string }
  /** An ExtJS component query, read in the page's world through Ext.ComponentQuery. */
  | { extjs: string }
  | { xpath: string };

/**
 * What to take from the element: a control's value, an element's text, or
 * for a <select> its chosen option's text or value. For an ExtJS component,
 * `value` is getValue() and `text` is getRawValue().
 */
export type FieldReading = 'value' | 'text' | 'option-text' | 'option-value';

/**
 * The REMD kinds (NSI 1520) a form may produce: the agent builds these. The
 * form's kind decides which parts of the record it fills (`referral` for 185,
 * `ambulatoryCase` for 42…) and which rules check them.
 */
export const DOCUMENT_KINDS = ['119', '185', '174', '186', '148', '42'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A dictionary the project does not ship, named the way REMD reads it. */
export type CodeSystem = Pick<CodedConcept, 'codeSystem' | 'codeSystemVersion' | 'codeSystemName'>;

/** How to turn the raw text into the record's form. */
export type FieldFormat =
  | { kind: 'text' }
  /** Digits only: "156-427-818 86" → "15642781886". */
  | { kind: 'snils' }
  /** A date in the page's pattern → YYYY-MM-DD. */
  | { kind: 'date'; pattern: DatePattern }
  /** A code looked up in a table, e.g. {"1": "male", "2": "female"}; case and spaces do not matter. */
  | { kind: 'map'; values: Record<string, string> }
  /** "Фамилия Имя Отчество" split over the rule's three paths. */
  | { kind: 'fio' }
  /**
   * The MIS's own code or option text → a whole value of an NSI dictionary
   * (a CodedConcept), e.g. a «Результат обращения» select → NSI 1009. A value
   * the table lacks keeps the dictionary and its raw code but no name, so the
   * validator says the field is incomplete instead of sending a guess.
   */
  | { kind: 'coded'; dictionary: CodeSystem; values: Record<string, { code: string; displayName: string }> };

export type DatePattern = 'dd.mm.yyyy' | 'yyyy-mm-dd' | 'dd/mm/yyyy';

export interface FieldRule {
  /** Record paths filled by this rule; several only for `fio`. */
  paths: string[];
  /** Tried in order: an ExtJS query first, say, then a label for pages where Ext is gone. */
  find: FieldLocator | FieldLocator[];
  read: FieldReading;
  format: FieldFormat;
  /** False for values we read but do not mark (e.g. a diagnosis name next to its code). */
  mark?: boolean;
  /** Set by detection: how sure the label heuristics were (0..1). */
  confidence?: number;
}

/** How to find each row of a table or list whose rows repeat one group of fields. */
export type RowsLocator = { selector: string } | { xpath: string };

/**
 * How to find a field inside one row: a CSS selector or an XPath relative to
 * the row, a label inside the row, or the table column by its header text
 * (a <th> of the table, or an ARIA `columnheader` of a grid such as ExtJS's).
 */
export type RowFieldLocator = { selector: string } | { xpath: string } | { label: string } | { column: string };

/** A rule of a row group: each path has one `*` segment, the row's index (`ambulatoryCase.visits.*.date`). */
export interface RowFieldRule extends Omit<FieldRule, 'find' | 'confidence'> {
  find: RowFieldLocator | RowFieldLocator[];
}

/**
 * Fields that repeat over the rows of a table or list (a case's visits): each
 * row where some rule finds its element gets the next index, from 0; a row
 * where none does (a header, a totals row) is skipped.
 */
export interface RowGroup {
  rows: RowsLocator | RowsLocator[];
  fields: RowFieldRule[];
}

export interface SiteProfile {
  id: string;
  /** Russian name of the form, shown in the panel. */
  title: string;
  match: UrlMatch;
  /** The REMD kind of the form's document; sets `document.kind` (119 when neither this nor a constant says). */
  kind?: DocumentKind;
  fields: FieldRule[];
  /** Groups of fields repeated over table rows. */
  repeat?: RowGroup[];
  /**
   * Values fixed by the form itself, by record path: a text, or a whole coded
   * value of a dictionary the project does not ship (e.g. the diagnosis stage
   * «Заключительный» every closed-case form states).
   */
  constants: Record<string, string | CodedConcept>;
  /**
   * Record paths (or their prefixes) the agent fills from its own config:
   * issues about them are not the page user's to fix, so the page ignores them.
   * A `*` segment stands for any one segment (`ambulatoryCase.visits.*.place`).
   */
  agentCompleted: string[];
  /** Where the profile came from; built-in when absent. */
  origin?: 'builtin' | 'user' | 'detected';
}

/** The locators of a rule, as a list. */
export const locatorsOf = (rule: FieldRule): FieldLocator[] => (Array.isArray(rule.find) ? rule.find : [rule.find]);

/** The locators of a row rule or of a group's rows, as a list. */
export const listOf = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** A row path as a test of the single-row paths it stands for: `visits.*.date` matches `visits.2.date`. */
export const rowPathPattern = (path: string): RegExp =>
  new RegExp(`^${path.split('.').map((segment) => (segment === '*' ? '\\d+' : segment.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&'))).join('\\.')}$`);
