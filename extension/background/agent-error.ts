import { agentErrors } from '../../shared/protocol/error-catalogue.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import type { Failure } from '../messaging/runtime-messages.ts';

/** Failures of the channel itself, which the agent cannot report. */
const channelErrors = {
  AGENT_TIMEOUT: 'Агент не ответил вовремя. Повторите попытку.',
  AGENT_CONNECTION_LOST: 'Связь с агентом прервалась. Проверьте, что агент запущен, и повторите попытку.',
} as const;

/** An agent `error` frame or a channel failure, carried as an exception inside the background. */
export class AgentError extends Error {
  readonly code: string;
  readonly issues: Issue[] | undefined;

  constructor(code: string, message: string, issues?: Issue[]) {
    super(message);
    this.name = 'AgentError';
    this.code = code;
    this.issues = issues;
  }

  static of(code: keyof typeof agentErrors | keyof typeof channelErrors): AgentError {
    const message = code in channelErrors ? channelErrors[code as keyof typeof channelErrors] : agentErrors[code as keyof typeof agentErrors].message;
    return new AgentError(code, message);
  }
}

/** Any thrown value as a reply the UI can show. */
export function toFailure(error: unknown): Failure {
  if (error instanceof AgentError) return { ok: false, code: error.code, message: error.message, issues: error.issues };
  return { ok: false, code: 'EXTENSION_INTERNAL', message: 'Внутренняя ошибка расширения. Повторите попытку.' };
}
