import type { DraftRecord } from '../../shared/domain/record.ts';
import { formatField } from './field-format.ts';
import { locateField, readElement } from './locate-field.ts';
import { setRecordValue } from './record-path.ts';
import type { FieldRule, SiteProfile } from './site-profile.ts';

/** One record path tied to the page element it was read from. */
export interface BoundField {
  path: string;
  element: Element;
  rule: FieldRule;
}

export interface ScrapeResult {
  record: DraftRecord;
  /** Fields found on the page that get a mark, in profile order. */
  fields: BoundField[];
}

/** Reads the whole form the profile describes. Fields missing from the page stay out of the record. */
export function scrapeRecord(doc: Document, profile: SiteProfile): ScrapeResult {
  const record: DraftRecord = {};
  for (const [path, value] of Object.entries(profile.constants)) setRecordValue(record, path, value);
  const fields: BoundField[] = [];
  for (const rule of profile.fields) {
    const element = locateField(doc, rule.find);
    if (!element) continue;
    applyRule(record, rule, element);
    if (rule.mark === false) continue;
    for (const path of rule.paths) fields.push({ path, element, rule });
  }
  return { record, fields };
}

/** Re-reads one rule's element into the record (after the user edited it). */
export function applyRule(record: DraftRecord, rule: FieldRule, element: Element): void {
  const values = formatField(readElement(element, rule.read), rule.format);
  rule.paths.forEach((path, i) => setRecordValue(record, path, values[i]));
}
