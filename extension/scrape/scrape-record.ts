import type { DraftRecord } from '../../shared/domain/record.ts';
import { formatField } from './field-format.ts';
import { DocumentLookup, locateRule, readElement } from './locate-field.ts';
import { readExtjs } from './page-world-bridge.ts';
import { setRecordValue } from './record-path.ts';
import { locatorsOf, type FieldRule, type SiteProfile } from './site-profile.ts';
import { findRows, readRows } from './table-rows.ts';

/** One record path tied to the page element it was read from. */
export interface BoundField {
  path: string;
  element: Element;
  rule: FieldRule;
  /** Set when the value came from an ExtJS component rather than the element itself. */
  extjs?: string;
}

export interface ScrapeResult {
  record: DraftRecord;
  /** Fields found on the page that get a mark, in profile order. */
  fields: BoundField[];
}

/**
 * Reads the whole form the profile describes, over the tab's documents (the
 * top page and its same-origin frames): each rule takes the first document
 * where it finds its element. Fields missing from the page stay out of the record.
 */
export function scrapeRecord(docs: Document | readonly Document[], profile: SiteProfile): ScrapeResult {
  const documents = Array.isArray(docs) ? docs : [docs as Document];
  const lookups = documents.map((doc) => new DocumentLookup(doc));
  const queries = (): string[] => extjsQueries(profile);
  const record: DraftRecord = {};
  if (profile.kind) setRecordValue(record, 'document.kind', profile.kind);
  // A coded constant is copied: the record is the page's, the profile is shared.
  for (const [path, value] of Object.entries(profile.constants)) setRecordValue(record, path, typeof value === 'string' ? value : { ...value });
  const fields: BoundField[] = [];
  for (const rule of profile.fields) {
    for (const lookup of lookups) {
      const found = locateRule(lookup, rule, queries);
      if (!found) continue;
      setValues(record, rule, found.raw);
      if (rule.mark !== false) for (const path of rule.paths) fields.push({ path, element: found.element, rule, extjs: found.extjs });
      break;
    }
  }
  for (const group of profile.repeat ?? []) {
    for (const row of readRows(findRows(documents, group), group)) {
      for (const { rule, element, raw } of row) {
        setValues(record, rule, raw);
        if (rule.mark !== false) for (const path of rule.paths) fields.push({ path, element, rule });
      }
    }
  }
  return { record, fields };
}

/** Re-reads one field's element into the record (after the user edited it). */
export function applyRule(record: DraftRecord, field: Pick<BoundField, 'rule' | 'element' | 'extjs'>): void {
  const reading = field.extjs ? readExtjs(field.element.ownerDocument, [field.extjs]).get(field.extjs) : undefined;
  const raw = reading ? (field.rule.read === 'text' ? reading.raw : reading.value) : readElement(field.element, field.rule.read);
  setValues(record, field.rule, raw);
}

function setValues(record: DraftRecord, rule: FieldRule, raw: string): void {
  const values = formatField(raw, rule.format);
  rule.paths.forEach((path, i) => setRecordValue(record, path, values[i]));
}

/** Every ExtJS query of the profile, asked in one round. */
export function extjsQueries(profile: SiteProfile): string[] {
  return profile.fields.flatMap((rule) => locatorsOf(rule).flatMap((locator) => ('extjs' in locator ? [locator.extjs] : [])));
}
