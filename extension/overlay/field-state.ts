import type { DraftRecord } from '../../shared/domain/record.ts';
import type { RemdError } from '../../shared/protocol/messages.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import { getRecordValue } from '../scrape/record-path.ts';
import type { SiteProfile } from '../scrape/site-profile.ts';

/** The state a field mark shows; also its `data-egisz-state`. */
export type MarkState = 'ok' | 'warning' | 'error' | 'empty';

/** Issues the page user can act on: those about fields the agent completes are dropped. */
export function pageIssues(issues: readonly Issue[], profile: SiteProfile): Issue[] {
  const completed = profile.agentCompleted.map(pathPattern);
  return issues.filter((issue) => !completed.some((pattern) => pattern.test(issue.path)));
}

/** A path (or prefix) of `agentCompleted` as a test: `*` is any one segment, sub-paths are included. */
function pathPattern(prefix: string): RegExp {
  const source = prefix.split('.').map((segment) => (segment === '*' ? '[^.]+' : segment.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&'))).join('\\.');
  return new RegExp(`^${source}(\\.|$)`);
}

/** Whether an issue is about the field at `path`: the field itself or a part of it (a coded value's code). */
export const concerns = (issue: Issue, path: string): boolean => issue.path === path || issue.path.startsWith(`${path}.`);

/** Errors win over warnings; a blank field without findings is `empty`. */
export function markState(path: string, issues: readonly Issue[], record: DraftRecord): MarkState {
  const own = issues.filter((issue) => concerns(issue, path));
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
