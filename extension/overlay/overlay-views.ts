/**
 * What the marks and the panel show, derived from the record, the findings
 * and the job: pure functions, so the controller only decides when to draw.
 */
import type { DraftRecord } from '../../shared/domain/record.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import type { JobView } from '../messaging/runtime-messages.ts';
import type { BoundField } from '../scrape/scrape-record.ts';
import type { MarkView } from './field-mark.tsx';
import { concerns, markState, worstState, type MarkState } from './field-state.ts';
import { panelState, statusLine } from './panel-state.ts';
import type { PanelView } from './record-panel.tsx';
import { recordSummary } from './record-summary.ts';
import { localizeMessage, suggestedFix } from './form-display.ts';
import type { DatePattern } from '../scrape/site-profile.ts';

/** Per field: its own state (for `data-egisz-state`) and the badge, shared by fields of one element. */
export function markViews(
  fields: readonly BoundField[],
  findings: readonly Issue[],
  record: DraftRecord,
  pattern?: DatePattern,
): { state: MarkState; view: MarkView }[] {
  const states = fields.map((field) => markState(field.path, findings, record));
  return fields.map((field, i) => {
    const group = fields.flatMap((other, j) => (other.element === field.element ? [j] : []));
    const visible = group[0] === i;
    return {
      state: states[i] ?? 'empty',
      view: {
        state: worstState(group.map((j) => states[j] ?? 'ok')),
        messages: messagesFor(findings, group.map((j) => fields[j]?.path ?? '')).map((m) => localizeMessage(m, pattern)),
        visible,
        fix: visible ? suggestedFix(field) : undefined,
      },
    };
  });
}

export interface PanelInput {
  title: string;
  pattern?: DatePattern;
  record: DraftRecord;
  findings: readonly Issue[];
  job: JobView | undefined;
  failure: { code: string; message: string } | undefined;
  busy: boolean;
}

export function panelView({ title, pattern, record, findings, job, failure, busy }: PanelInput): PanelView {
  return {
    title,
    state: panelState(job, findings),
    status: statusLine(job, findings),
    summary: recordSummary(record),
    issues: bySeverity(findings).map((issue) => ({ ...issue, message: localizeMessage(issue.message, pattern) })),
    failure: failure?.message,
    needsPairing: failure?.code === 'AGENT_NOT_PAIRED',
    emdrId: job?.state === 'registered' ? job.emdrId : undefined,
    busy,
  };
}

/** Messages about any of the paths, errors first, without repeats. */
function messagesFor(findings: readonly Issue[], paths: readonly string[]): string[] {
  const own = bySeverity(findings.filter((issue) => paths.some((path) => concerns(issue, path))));
  return [...new Set(own.map((issue) => issue.message))];
}

const bySeverity = (issues: readonly Issue[]): Issue[] =>
  [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
