/** What every rule group sees: the record and "today", fixed once per run. */
import type { DraftRecord } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import { localDay } from './calendar-date.ts';

export interface ValidateOptions {
  /** The moment "now" for future-date rules; defaults to the clock. */
  now?: Date;
}

export interface ValidationContext {
  record: DraftRecord;
  now: Date;
  /** now as the user's local calendar day, YYYY-MM-DD. */
  today: string;
}

/** A set of rules over one part of the record; `scope` is the path prefix its issues carry. */
export interface RuleGroup {
  scope: string;
  check: (ctx: ValidationContext) => Issue[];
}

export function contextFor(record: DraftRecord, options: ValidateOptions = {}): ValidationContext {
  const now = options.now ?? new Date();
  return { record, now, today: localDay(now) };
}
