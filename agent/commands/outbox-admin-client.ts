/**
 * How the CLI reaches a running agent: the URL and Bearer token from
 * <data-dir>/admin.json, then JSON over loopback HTTP. The CLI never opens
 * the outbox database itself; a second writer would race the agent.
 */
import { readAdminAccess } from '../gateway/admin-access.ts';

export class AgentUnreachable extends Error {}

export interface AdminReply {
  status: number;
  body: Record<string, unknown>;
}

export function adminClient(dataDir: string) {
  const access = readAdminAccess(dataDir);
  if (!access) throw new AgentUnreachable(`агент не запущен с каталогом данных ${dataDir} (нет admin.json); запустите egisz-agent start`);
  return async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<AdminReply> => {
    let response: Response;
    try {
      response = await fetch(`${access.url}/admin/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${access.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (err) {
      throw new AgentUnreachable(`агент на ${access.url} не отвечает (${(err as Error).cause ?? (err as Error).message}); запущен ли он?`);
    }
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };
}
