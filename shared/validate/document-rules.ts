/** Rules over `document`: a known REMD kind, valid on the day the document was created. */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { readText } from './field-checks.ts';
import { issueFor } from './rule-catalogue.ts';
import { parseDateTime } from './calendar-date.ts';
import { checkEventDate } from './encounter-rules.ts';
import { findDocumentKind, findDocumentKindByName, isDocumentKindValidOn } from '../dictionaries/document-kinds.ts';
import { suggestCode } from './code-suggestion.ts';

/** Clocks of the clinic's PC and the agent's may differ a little. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const CREATED_AT = 'document.createdAt';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The day the document was created, when createdAt is sound; else undefined. */
function checkCreatedAt(ctx: ValidationContext, issues: Issue[]): string | undefined {
  const text = readText(ctx.record.document?.createdAt, CREATED_AT, issues, 'VALIDATION_REQUIRED');
  if (text === undefined) return undefined;
  const parsed = parseDateTime(text.trim());
  if (!parsed) {
    issues.push(issueFor('VALIDATION_DATETIME_FORMAT', CREATED_AT, { value: text }));
    return undefined;
  }
  if (!parsed.hasZone) issues.push(issueFor('VALIDATION_DATETIME_NO_TIMEZONE', CREATED_AT));
  if (parsed.instant.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) {
    issues.push(issueFor('VALIDATION_DATE_FUTURE', CREATED_AT, { field: 'Дата создания документа', value: text }));
    return undefined;
  }
  if (!checkEventDate(parsed.day, CREATED_AT, ctx, issues)) return undefined;
  const visit = ctx.record.encounter?.visitDate;
  if (typeof visit === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(visit) && parsed.day < visit) {
    issues.push(issueFor('VALIDATION_DOCUMENT_BEFORE_VISIT', CREATED_AT, { value: parsed.day, visitDate: visit }));
  }
  return parsed.day;
}

function checkDocument(ctx: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const createdDay = checkCreatedAt(ctx, issues);
  const uid = readText(ctx.record.document?.localUid, 'document.localUid', issues, false);
  if (uid !== undefined && !UUID.test(uid)) issues.push(issueFor('VALIDATION_UUID_FORMAT', 'document.localUid', { value: uid }));
  const kind = readText(ctx.record.document?.kind, 'document.kind', issues, 'VALIDATION_REQUIRED');
  if (kind === undefined) return issues;
  const entry = findDocumentKind(kind);
  if (!entry) {
    issues.push(issueFor('VALIDATION_DOCUMENT_KIND_UNKNOWN', 'document.kind', { value: kind, suggestion: suggestCode(kind, findDocumentKindByName) }));
    return issues;
  }
  const day = createdDay ?? ctx.today;
  if (!isDocumentKindValidOn(entry, day)) {
    const endText = entry.endDate ? ` по ${entry.endDate}` : '';
    const params = { value: kind, name: entry.name, startDate: entry.startDate ?? '—', endText, date: day };
    issues.push(issueFor('VALIDATION_DOCUMENT_KIND_NOT_ON_DATE', 'document.kind', params));
  }
  return issues;
}

export const documentRules: RuleGroup = { scope: 'document', check: checkDocument };
