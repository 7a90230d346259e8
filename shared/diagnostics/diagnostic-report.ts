/**
 * One diagnostic check as the «Диагностика» page and `egisz-agent doctor`
 * show it, and the plain-text report a user copies for the support desk.
 * Checks are written without personal data; the report scrubs SNILS-like
 * digit runs once more anyway, because a support chat is not the place to
 * find out that one slipped through.
 */
export type CheckStatus = 'ok' | 'warning' | 'error';

export interface DiagnosticCheck {
  /** Stable id, e.g. "agent.port", "token.certificates". */
  id: string;
  status: CheckStatus;
  /** Russian: what was checked. */
  title: string;
  /** Russian: what was found. */
  explanation: string;
  /** Russian: what to do; absent when nothing is to be done. */
  action?: string;
  /** Facts without personal data (versions, paths, counts, dates). */
  details?: string[];
}

const STATUS_WORD: Record<CheckStatus, string> = { ok: 'OK', warning: 'ВНИМАНИЕ', error: 'ОШИБКА' };

/** The worst status of the checks: what the summary line shows. */
export function overallStatus(checks: readonly DiagnosticCheck[]): CheckStatus {
  if (checks.some((c) => c.status === 'error')) return 'error';
  return checks.some((c) => c.status === 'warning') ? 'warning' : 'ok';
}

/** The text the support desk gets: one block per check, no personal data. */
export function formatDiagnosticReport(checks: readonly DiagnosticCheck[], header: string[] = []): string {
  const counts = { ok: 0, warning: 0, error: 0 };
  checks.forEach((c) => counts[c.status]++);
  const lines = [
    ...header,
    `Итог: ${STATUS_WORD[overallStatus(checks)]} (в порядке ${counts.ok}, предупреждений ${counts.warning}, ошибок ${counts.error})`,
    '',
  ];
  for (const c of checks) {
    lines.push(`[${STATUS_WORD[c.status]}] ${c.title}`, `  ${c.explanation}`);
    if (c.action) lines.push(`  Что сделать: ${c.action}`);
    for (const d of c.details ?? []) lines.push(`  - ${d}`);
  }
  return scrubPersonalData(`${lines.join('\n')}\n`);
}

/**
 * SNILS (11 digits, with or without the usual separators) become «***».
 * Names cannot be recognised in free text; the checks never carry them.
 */
export function scrubPersonalData(text: string): string {
  return text.replace(/(?<!\d)\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2}(?!\d)/g, '***');
}
