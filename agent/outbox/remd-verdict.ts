/**
 * What the outbox does with REMD's synchronous answer to registerDocument,
 * by error class:
 *   accepted                         → wait for the callback;
 *   only temporary codes, 5xx, network → retry with backoff (RATE_LIMIT pauses everyone);
 *   NOT_UNIQUE_PROVIDED_ID after an earlier send of ours → REMD already has it: reconcile;
 *   anything else                    → hold for correction, errors mapped to record fields.
 */
import { pathForRemdError } from '../jobs/remd-error-paths.ts';
import type { RegisterAnswer, RemdError } from './remd-port.ts';
import { isRetriableRemdCode } from './retry-policy.ts';

export type Verdict =
  | { action: 'accepted' }
  | { action: 'retry'; reason: string; rateLimited: boolean }
  | { action: 'reconcile'; reason: string }
  | { action: 'reject'; errors: RemdError[] };

export const NOT_UNIQUE = 'NOT_UNIQUE_PROVIDED_ID';

/** `sentBefore`: an earlier registerDocument of this localUid may have reached REMD; `kind`: its SEMD kind. */
export function judgeAnswer(answer: RegisterAnswer, sentBefore: boolean, kind?: string): Verdict {
  if (answer.status === 'accepted') return { action: 'accepted' };
  const codes = answer.errors.map((e) => e.code);
  if (sentBefore && codes.includes(NOT_UNIQUE)) return { action: 'reconcile', reason: `${NOT_UNIQUE}: уже отправлен нами, сверка` };
  if (codes.length && codes.every(isRetriableRemdCode)) {
    return { action: 'retry', reason: codes.join(','), rateLimited: codes.includes('RATE_LIMIT') };
  }
  return { action: 'reject', errors: withPaths(answer.errors, kind) };
}

/** Transport failures: retry unless the client says trying again as is cannot help. */
export function judgeFailure(err: unknown): Verdict {
  const { code, retriable, httpStatus, message } = err as { code?: string; retriable?: boolean; httpStatus?: number; message?: string };
  const reason = [code, httpStatus, message ?? String(err)].filter(Boolean).join(' ');
  if (retriable === false) return { action: 'reject', errors: [{ code: code ?? 'SUBMIT_FAILED', message: message ?? String(err) }] };
  return { action: 'retry', reason, rateLimited: httpStatus === 429 };
}

/** Each error with the field it points at (a Schematron finding's by the document's kind). */
export function withPaths(errors: readonly RemdError[], kind?: string): RemdError[] {
  return errors.map((e) => {
    const path = e.path ?? pathForRemdError(e, kind);
    return path ? { code: e.code, message: e.message, path } : { code: e.code, message: e.message };
  });
}
