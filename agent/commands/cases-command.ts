/**
 * `egisz-agent cases iemk-sync [--json] [--data-dir DIR]` — the running
 * agent's automatic IEMK case sync: the patients whose cases are waiting to
 * go to the IEMK (pending, with the next attempt) or were refused by it
 * (held, with the reason). Exit 0 shown, 2 usage or no agent.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../config.ts';
import type { IemkSyncRow } from '../preflight/iemk-sync-queue.ts';
import { adminClient, AgentUnreachable } from './outbox-admin-client.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = 'usage: egisz-agent cases iemk-sync [--json] [--data-dir DIR]\n';

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } } });
  if (positionals[0] !== 'iemk-sync' || positionals.length !== 1) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    const reply = await adminClient(values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir())('GET', '/cases/iemk-sync');
    if (reply.status !== 200) {
      io.stderr(`${String(reply.body.code ?? `HTTP ${reply.status}`)}: ${String(reply.body.message ?? 'агент не отдал очередь ИЭМК')}\n`);
      return 2;
    }
    io.stdout(values.json ? `${JSON.stringify(reply.body, null, 2)}\n` : formatIemkSync(reply.body as { configured: boolean; queue: IemkSyncRow[] }));
    return 0;
  } catch (err) {
    if (!(err instanceof AgentUnreachable)) throw err;
    io.stderr(`egisz-agent cases: ${err.message}\n`);
    return 2;
  }
}

/** One line per patient: state, SNILS, attempts, next attempt, last error. */
export function formatIemkSync(body: { configured: boolean; queue: IemkSyncRow[] }): string {
  if (!body.configured) return 'ИЭМК не настроена (registries.iemk в config.json): случаи не отправляются\n';
  if (!body.queue.length) return 'очередь ИЭМК пуста: все случаи переданы\n';
  return body.queue.map((r) => {
    const when = r.state === 'held' ? 'ждёт изменения или ручной отправки' : `следующая попытка ${r.dueAt}`;
    return `${r.state.padEnd(8)} ${r.patientSnils}  попыток ${String(r.attempts).padEnd(3)} ${when}${r.lastError ? `  ${r.lastError}` : ''}\n`;
  }).join('');
}
