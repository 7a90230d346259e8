/**
 * `egisz-agent outbox list|show LOCALUID|retry LOCALUID|cancel LOCALUID|purge
 * [--state S] [--limit N] [--json] [--older-than-days N] [--data-dir DIR]` — the running agent's
 * queue, through its admin API. Exit 0 done, 1 refused (e.g. cancel after
 * REMD accepted), 2 usage or no agent.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../config.ts';
import { OUTBOX_STATES, type OutboxState } from '../outbox/outbox-store.ts';
import { adminClient, AgentUnreachable } from './outbox-admin-client.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage: egisz-agent outbox list [--state ${OUTBOX_STATES.join('|')}] [--limit N] [--json] | show LOCALUID | retry LOCALUID | cancel LOCALUID | purge [--older-than-days N]  [--data-dir DIR]\n`;

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      state: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' },
      'older-than-days': { type: 'string' },
    },
  });
  const [action, localUid] = positionals;
  const needsUid = action === 'show' || action === 'retry' || action === 'cancel';
  const days = values['older-than-days'] === undefined ? undefined : Number(values['older-than-days']);
  if (!(action === 'list' || action === 'purge' || (needsUid && localUid)) || (days !== undefined && !(days >= 0)) || (values.state && !OUTBOX_STATES.includes(values.state as OutboxState))) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    const call = adminClient(values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir());
    if (action === 'list') {
      const query = new URLSearchParams();
      if (values.state) query.set('state', values.state);
      if (values.limit) query.set('limit', values.limit);
      const reply = await call('GET', `/outbox?${query}`);
      if (reply.status !== 200) return refused(io, reply.body);
      io.stdout(values.json ? `${JSON.stringify(reply.body, null, 2)}\n` : formatList(reply.body));
      return 0;
    }
    if (action === 'purge') {
      const reply = await call('POST', '/outbox/purge', days === undefined ? {} : { olderThanDays: days });
      if (reply.status !== 200) return refused(io, reply.body);
      io.stdout(`удалены тела ${String(reply.body.purged)} зарегистрированных документов старше ${String(reply.body.olderThanDays)} дн.\n`);
      return 0;
    }
    const path = `/outbox/${encodeURIComponent(localUid!)}${action === 'show' ? '' : `/${action}`}`;
    const reply = await call(action === 'show' ? 'GET' : 'POST', path);
    if (reply.status !== 200) return refused(io, reply.body);
    io.stdout(action === 'show' ? `${JSON.stringify(reply.body, null, 2)}\n` : `${String(reply.body.localUid)} ${String(reply.body.state)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AgentUnreachable) {
      io.stderr(`egisz-agent outbox: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function refused(io: Io, body: Record<string, unknown>): number {
  io.stderr(`${String(body.code ?? 'ERROR')}: ${String(body.message ?? '')}\n`);
  return 1;
}

interface Row {
  localUid: string;
  state: string;
  kind: string;
  attempts: number;
  emdrId?: string;
  errors?: { code: string; path?: string }[];
  updatedAt: string;
}

/** One line per document: localUid, state, kind, attempts, then emdrId or the error codes. */
export function formatList(body: Record<string, unknown>): string {
  const counts = body.counts as Record<string, number>;
  const rows = body.documents as Row[];
  const head = `всего по состояниям: ${Object.entries(counts).map(([s, n]) => `${s}=${n}`).join(' ') || 'пусто'}\n`;
  return head + rows.map((d) => {
    const outcome = d.emdrId ?? d.errors?.map((e) => (e.path ? `${e.code}@${e.path}` : e.code)).join(',') ?? '';
    return `${d.localUid}  ${d.state.padEnd(16)} ${d.kind.padEnd(4)} попыток ${String(d.attempts).padEnd(3)} ${d.updatedAt}  ${outcome}`.trimEnd();
  }).map((l) => `${l}\n`).join('');
}
