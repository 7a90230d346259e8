/**
 * What the cases page asks the agent for: a patient's treatment cases (or
 * those of patients seen lately), and edits of their grouping. The agent
 * checks every id against the patient's cases; this only relays.
 */
import type { CaseEdit } from '../../shared/protocol/messages.ts';
import type { CasesReply } from '../messaging/runtime-messages.ts';
import type { AgentClient, AgentRequest } from './agent-client.ts';
import { AgentError } from './agent-error.ts';

const CASES_TIMEOUT_MS = 10_000;

export const listCases = (client: AgentClient, snils?: string): Promise<CasesReply> =>
  ask(client, { type: 'cases', ...(snils ? { snils } : {}) });

export const editCase = (client: AgentClient, snils: string, edit: CaseEdit): Promise<CasesReply> =>
  ask(client, { type: 'case-edit', snils, edit });

async function ask(client: AgentClient, request: AgentRequest): Promise<CasesReply> {
  const frame = await client.request(request, { timeoutMs: CASES_TIMEOUT_MS });
  if (frame.type !== 'cases') throw new AgentError('AGENT_BAD_FRAME', 'Агент ответил не по протоколу.');
  return { ok: true, cases: frame.cases, ...(frame.unmatched?.length ? { unmatched: frame.unmatched } : {}) };
}
