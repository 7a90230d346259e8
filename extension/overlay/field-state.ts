import type { DraftRecord } from '../../shared/domain/record.ts';
import type { RemdError } from '../../shared/protocol/messages.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import { getRecordValue } from '../scrape/record-path.ts';
import type { SiteProfile } from '../scrape/site-profile.ts';

/** The state a field mark shows; also its `data-egisz-state`. */
export type MarkState = 'ok' | 'warning' | 'error' | 'empty';

/** Issues the page user can act on: those about fields the agent completes are dropped. */
export function pageIssues(issues: readonly Issue[], profile: SiteProfile): Issue[] {
  return issues.filter(
    (issue) => !profile.agentCompleted.some((prefix) => issue.path === prefix || issue.path.startsWith(`${prefix}.`)),
  );
}

/** Errors win over warnings; a blank field without findings is `empty`. */
export function markState(path: string, issues: readonly Issue[], record: DraftRecord): MarkState {
  const own = issues.filter((issue) => issue.path === path);
  if (own.some((issue) => issue.severity === 'error')) return 'error';
  if (own.length > 0) return 'warning';
  const value = getRecordValue(record, path);
  return value === undefined || value === '' ? 'empty' : 'ok';
}

const RANK: Record<MarkState, number> = { ok: 0, empty: 1, warning: 2, error: 3 };

/** The most serious of several states, for marks that share one page element. */
export const worstState = (states: readonly MarkState[]): MarkState =>
  states.reduce<MarkState>((worst, state) => (RANK[state] > RANK[worst] ? state : worst), 'ok');

/** REMD errors as field issues, so a rejection lands on the fields it concerns. */
export const remdIssues = (errors: readonly RemdError[] = []): Issue[] =>
  errors.map((error) => ({ path: error.path ?? '', code: error.code, severity: 'error', message: error.message }));
